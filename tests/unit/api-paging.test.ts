import { describe, expect, it } from "vitest";
import { ApiError, decodeCursor, encodeCursor, etagOf, matchesEtag, pageOf, readLimit } from "~/modules/api/paging";
import { bearerToken, displayPrefix, hashToken, newToken } from "~/modules/api/tokens";

describe("paging", () => {
  const items = [5, 1, 3, 9, 7].map((id) => ({ id }));
  it("gives pages in id order with an opaque cursor to the next", () => {
    const one = pageOf(items, 2, 0);
    expect(one.data.map((i) => i.id)).toEqual([1, 3]);
    const two = pageOf(items, 2, decodeCursor(one.next));
    expect(two.data.map((i) => i.id)).toEqual([5, 7]);
    const three = pageOf(items, 2, decodeCursor(two.next));
    expect(three).toEqual({ data: [{ id: 9 }], next: null });
    expect(pageOf(items, 5, 0).next).toBeNull();
  });
  it("refuses cursors and limits it did not give out", () => {
    expect(decodeCursor(null)).toBe(0);
    expect(decodeCursor(encodeCursor(42))).toBe(42);
    expect(() => decodeCursor("garbage")).toThrow(ApiError);
    expect(() => decodeCursor(Buffer.from('{"after":-1}').toString("base64url"))).toThrow(ApiError);
    expect(readLimit(null)).toBe(50);
    expect(readLimit("200")).toBe(200);
    for (const bad of ["0", "201", "1.5", "ten"]) expect(() => readLimit(bad)).toThrow(ApiError);
  });
  it("tags bodies and matches If-None-Match", () => {
    const tag = etagOf('{"data":[]}');
    expect(tag).toBe(etagOf('{"data":[]}'));
    expect(tag).not.toBe(etagOf('{"data":[1]}'));
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(`"x", ${tag.slice(2)}`, tag)).toBe(true);
    expect(matchesEtag("*", tag)).toBe(true);
    expect(matchesEtag(null, tag)).toBe(false);
    expect(matchesEtag('"other"', tag)).toBe(false);
  });
});

describe("tokens", () => {
  it("makes 256-bit tokens, hashes them and reads the Bearer header", () => {
    const t = newToken();
    expect(t).toMatch(/^wmk_[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(displayPrefix(t)).toBe(`${t.slice(0, 8)}…`);
    expect(bearerToken(`Bearer ${t}`)).toBe(t);
    expect(bearerToken(`bearer  ${t} `)).toBe(t);
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
