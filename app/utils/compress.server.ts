// A rendered page compressed in one call, as the client prefers (brotli, else gzip), with the
// same negotiation as the `compression` middleware in server.js (which then leaves the page alone and
// still sets Vary: Accept-Encoding). The middleware compresses through a zlib stream set up for
// each response: for a whole page in one buffer that cost several times the compression itself,
// mostly in setting up and freeing the stream's memory (decision 26).
import zlib from "node:zlib";
import Negotiator from "negotiator";

const SUPPORTED = ["br", "gzip", "identity"];
const PREFERRED = ["br", "gzip"];
/** The middleware's own threshold: smaller bodies are sent as they are. */
const THRESHOLD = 1024;
// Fast levels: pages are made per request, so compression is paid on every one. On a 146 KB plan
// page, gzip level 3 takes 0.43 ms for 11.3 KB (zlib's default, 6: 0.81 ms for 9.5 KB) and brotli
// quality 3 takes 0.47 ms for 9.4 KB (the middleware's 4: 0.63 ms for 8.6 KB).
const GZIP = { level: 3 };
const BROTLI_QUALITY = 3;

// negotiator 0.6.4 breaks ties between equally acceptable encodings by a preference list (as the
// middleware does); its published types predate that argument.
const negotiate = (n: Negotiator) => (n.encoding as (available: string[], preferred: string[]) => string | undefined).call(n, SUPPORTED, PREFERRED);

/** The encoding this request's page is sent in: what compressBody uses for a page of 1 KB or more. */
export function pageEncoding(request: Request): "br" | "gzip" | "identity" {
  const accept = request.headers.get("accept-encoding");
  const method = accept ? negotiate(new Negotiator({ headers: { "accept-encoding": accept } })) : "identity";
  return method === "br" || method === "gzip" ? method : "identity";
}

export function compressBody(request: Request, body: Buffer, headers: Headers): Buffer {
  if (body.length < THRESHOLD || request.method === "HEAD" || headers.has("Content-Encoding")) return body;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get("Cache-Control") ?? "")) return body;
  const method = pageEncoding(request);
  if (method === "identity") return body;
  const out =
    method === "br"
      ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : zlib.gzipSync(body, GZIP);
  headers.set("Content-Encoding", method);
  return out;
}
