import { pageTitle, placeName } from "~/utils/page-title";

const root = { id: "root", data: { user: { name: "Priya Shah" } } };
const projectLayout = { id: "routes/projects.$slug", data: { project: { name: "Home-working pilot" }, programme: { name: "Revs and bens" } } };

describe("pageTitle", () => {
  it("names the project from the layout's data", () => {
    expect(pageTitle("Risk register", [root, projectLayout, { id: "routes/projects.$slug.risks._index", data: { rows: [] } }])).toBe(
      "Risk register – Home-working pilot – Waymark",
    );
  });

  it("names a programme page's programme, and a shared page's place from its view", () => {
    expect(pageTitle("Decisions register", [root, { id: "p", data: { programme: { name: "Revs and bens" } } }])).toBe("Decisions register – Revs and bens – Waymark");
    expect(pageTitle("Risk register", [root, { id: "r", data: { view: { caption: "Revs and bens (programme)" } } }])).toBe(
      "Risk register – Revs and bens (programme) – Waymark",
    );
  });

  it("leaves the place out when the page already names it, or there is none", () => {
    expect(pageTitle("Home-working pilot", [root, projectLayout])).toBe("Home-working pilot – Waymark");
    expect(pageTitle("Edit Home-working pilot", [root, projectLayout])).toBe("Edit Home-working pilot – Waymark");
    expect(pageTitle("My actions", [root])).toBe("My actions – Waymark");
    expect(placeName([root, { id: "x", data: null }, { id: "y", data: "text" }])).toBeNull();
  });

  it("prefers the deepest route that knows its place", () => {
    expect(placeName([projectLayout, { id: "leaf", data: { project: { name: "Another" } } }])).toBe("Another");
  });
});
