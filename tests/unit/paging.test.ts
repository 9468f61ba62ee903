import { pageHref, pageLinks, paginate, readPage } from "~/modules/action/paging";

describe("paging", () => {
  it("reads the page from the query string, page 1 for anything that is not a whole number from 1", () => {
    expect(readPage(new URLSearchParams("page=3"))).toBe(3);
    for (const bad of ["", "page=0", "page=-2", "page=abc", "page=1.5", "page=9999999"]) expect(readPage(new URLSearchParams(bad))).toBe(1);
  });

  it("slices the rows of a page and clamps a page beyond the end to the last", () => {
    const rows = Array.from({ length: 250 }, (_, i) => i + 1);
    expect(paginate(rows, 1, 100)).toMatchObject({ page: 1, pageCount: 3, total: 250, from: 1, to: 100 });
    const last = paginate(rows, 3, 100);
    expect(last).toMatchObject({ page: 3, from: 201, to: 250 });
    expect(last.items).toHaveLength(50);
    expect(paginate(rows, 9, 100).page).toBe(3);
    expect(paginate([], 1, 100)).toMatchObject({ page: 1, pageCount: 1, from: 0, to: 0 });
  });

  it("links the first, last, current and neighbouring pages, with ellipses for gaps", () => {
    expect(pageLinks(1, 1)).toEqual([]);
    expect(pageLinks(1, 3)).toEqual([1, 2, 3]);
    expect(pageLinks(5, 10)).toEqual([1, "…", 4, 5, 6, "…", 10]);
    expect(pageLinks(3, 10)).toEqual([1, 2, 3, 4, "…", 10]);
    expect(pageLinks(10, 10)).toEqual([1, "…", 9, 10]);
  });

  it("keeps filters, sort and as-of date in page links, and drops page=1", () => {
    const search = "?owner=p3&asOf=2026-03-01&sort=due&page=2";
    expect(pageHref(search, 3)).toBe("?owner=p3&asOf=2026-03-01&sort=due&page=3");
    expect(pageHref(search, 1)).toBe("?owner=p3&asOf=2026-03-01&sort=due");
    expect(pageHref("", 1)).toBe("?");
  });
});
