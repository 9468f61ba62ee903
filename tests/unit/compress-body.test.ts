import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressBody } from "~/utils/compress.server";

const page = Buffer.from(`<!DOCTYPE html><html><head><title>Plan – Waymark</title></head><body>${"<tr><td class=\"govuk-table__cell\">café</td></tr>".repeat(200)}</body></html>`);
const ask = (acceptEncoding: string | null, method = "GET") =>
  new Request("http://localhost/plan", { method, headers: acceptEncoding === null ? {} : { "Accept-Encoding": acceptEncoding } });

describe("a rendered page compressed in one call", () => {
  it("uses what the client prefers, brotli before gzip when both are equally welcome, and decompresses to the page", () => {
    for (const [accept, expected] of [
      ["gzip, deflate, br", "br"],
      ["gzip", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
      ["deflate", undefined],
      ["identity", undefined],
      [null, undefined],
    ] as const) {
      const headers = new Headers();
      const body = compressBody(ask(accept), page, headers);
      expect(headers.get("Content-Encoding") ?? undefined, String(accept)).toBe(expected);
      const back = expected === "br" ? zlib.brotliDecompressSync(body) : expected === "gzip" ? zlib.gunzipSync(body) : body;
      expect(back.equals(page), String(accept)).toBe(true);
      if (expected) expect(body.length).toBeLessThan(page.length / 5);
    }
  });

  it("leaves small bodies, HEAD requests, no-transform responses and already encoded bodies alone", () => {
    const small = Buffer.from("<p>short</p>");
    expect(compressBody(ask("gzip"), small, new Headers())).toBe(small);
    const head = new Headers();
    expect(compressBody(ask("gzip", "HEAD"), page, head)).toBe(page);
    expect(head.has("Content-Encoding")).toBe(false);
    expect(compressBody(ask("gzip"), page, new Headers({ "Cache-Control": "private, no-transform" }))).toBe(page);
    expect(compressBody(ask("gzip"), page, new Headers({ "Content-Encoding": "br" }))).toBe(page);
  });
});
