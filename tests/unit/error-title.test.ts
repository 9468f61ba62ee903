import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { hasFormErrors, prefixTitleStream } from "~/utils/error-title.server";

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

  it("put 'Error: ' before the title even when <title> is split across chunks, and change nothing else", async () => {
    const html = "<!DOCTYPE html><html><head><title>Add a milestone – Waymark</title></head><body><title>not this</title>£</body></html>";
    const expected = html.replace("<title>Add", "<title>Error: Add");
    expect(await through([html])).toBe(expected);
    expect(await through([html.slice(0, 30), html.slice(30, 33), html.slice(33)])).toBe(expected);
    const noTitle = "<html><head></head><body>café</body></html>";
    expect(await through([noTitle])).toBe(noTitle);
  });
});
