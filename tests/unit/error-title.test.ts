import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { hasFormErrors, hasPageErrors, prefixTitleStream } from "~/utils/error-title.server";

async function through(chunks: string[]) {
  const out: Buffer[] = [];
  for await (const c of Readable.from(chunks.map((c) => Buffer.from(c))).pipe(prefixTitleStream())) out.push(c as Buffer);
  return Buffer.concat(out).toString("utf8");
}

describe("error page titles", () => {
  it("are needed only when some action returned field errors", () => {
    expect(hasFormErrors(null)).toBe(false);
    expect(hasFormErrors({ "routes/x": { errors: {} } })).toBe(false);
    expect(hasFormErrors({ "routes/x": { ok: true } })).toBe(false);
    expect(hasFormErrors({ "routes/x": { errors: { name: "Enter the name" }, values: {} } })).toBe(true);
  });

  it("are needed too when a GET filter's date is not one (the loader's errors or its asOf error)", () => {
    expect(hasPageErrors(null, { "routes/x": { asOf: { asOf: "2026-03-01", error: null } } })).toBe(false);
    expect(hasPageErrors(null, { "routes/x": { asOf: { error: "The view date must be a real date, for example 27 3 2027" } } })).toBe(true);
    expect(hasPageErrors(null, { "routes/x": { errors: { from: "The window’s start must be a real date" } } })).toBe(true);
    expect(hasPageErrors({ "routes/x": { errors: { name: "Enter the name" } } }, null)).toBe(true);
    expect(hasPageErrors(null, { "routes/x": { errors: [{ row: 2, message: "Not a date" }] } })).toBe(false);
  });

  it("is not added twice when the route's own title already starts with it, however the chunks fall", async () => {
    const html = "<html><head><title>Error: Timeline – Waymark</title></head><body></body></html>";
    expect(await through([html])).toBe(html);
    expect(await through([html.slice(0, 19), html.slice(19, 21), html.slice(21)])).toBe(html);
  });

  it("put 'Error: ' before the title even when <title> is split across chunks, and change nothing else", async () => {
    const html = "<!DOCTYPE html><html><head><title>Add a milestone – Waymark</title></head><body><title>not this</title>£</body></html>";
    const expected = html.replace("<title>Add", "<title>Error: Add");
    expect(await through([html])).toBe(expected);
    expect(await through([html.slice(0, 30), html.slice(30, 33), html.slice(33)])).toBe(expected);
    const noTitle = "<html><head></head><body>café</body></html>";
    expect(await through([noTitle])).toBe(noTitle);
  });
});
