import { describe, expect, it } from "vitest";
import { hasFormErrors, hasPageErrors, prefixTitle } from "~/utils/error-title.server";

const through = (html: string) => prefixTitle(Buffer.from(html)).toString("utf8");

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

  it("is not added twice when the route's own title already starts with it", () => {
    const html = "<html><head><title>Error: Timeline – Waymark</title></head><body></body></html>";
    expect(through(html)).toBe(html);
  });

  it("put 'Error: ' before the head's title, and change nothing else", () => {
    const html = "<!DOCTYPE html><html><head><title>Add a milestone – Waymark</title></head><body><title>not this</title>£</body></html>";
    expect(through(html)).toBe(html.replace("<title>Add", "<title>Error: Add"));
    const noTitle = "<html><head></head><body>café<title>an SVG's title</title></body></html>";
    expect(through(noTitle)).toBe(noTitle);
  });
});
