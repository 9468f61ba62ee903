// Pages kept as sent, for the next request of the same page by the same viewer while nothing has
// changed. A page opts in through its ETag (~/utils/etag.server): the tag already names everything
// the page follows from (the data's version, the viewer, the as-of date, the URL, the build), so the
// bytes sent for it once are the bytes that rendering would make again. Ten people opening the
// programme's 1,000-row print view cost one render instead of ten (decision 27).
//
//   const { headers, unchanged } = unchangedPage(request, context, { viewer: user.id, asOf });
//   if (unchanged) return unchanged;   // 304, or the kept page
//   ...
//   return json(data, { headers });
//
// and entry.server.tsx sends the kept bytes instead of rendering, or keeps what it renders.
// Kept: complete 200 pages with no script nonce in them (a nonce is per response: a page that
// carries one is never replayed). Not kept: Remix's data requests, HEAD, and a request that asks
// for no cache (a browser's hard reload sends `Cache-Control: no-cache`): that one is rendered and
// its bytes replace the kept ones. Bounded by bytes; the least recently used go first.
import type { AppLoadContext, TypedResponse } from "@remix-run/node";
import { LRUCache } from "lru-cache";
import { pageEncoding } from "./compress.server";
import { cacheHeaders, notModified, pageTag } from "./etag.server";

type Encoding = ReturnType<typeof pageEncoding>;

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** A GET for a whole page (server.js): not a data request, which loaders cannot tell apart. */
    pageRequest?: boolean;
    /** Set by fromPageCache: the page's key, and the kept bytes when there are some. */
    page?: PageSlot;
  }
}

interface PageSlot {
  key: string;
  body?: Buffer;
  encoding: Encoding;
}

/** All kept pages together stay under this many bytes (compressed, as sent). */
export const PAGE_CACHE_BYTES = 24 * 1024 * 1024;
/** A page bigger than this is never kept. */
const LARGEST = 4 * 1024 * 1024;

const pages = new LRUCache<string, Buffer>({ maxSize: PAGE_CACHE_BYTES, maxEntrySize: LARGEST, sizeCalculation: (body) => body.length });

const keyOf = (tag: string, encoding: Encoding) => `${encoding} ${tag}`;

/** True when the request asks for a fresh page (RFC 9111 §5.2.1.4; Pragma for HTTP/1.0 clients). */
function wantsFresh(request: Request) {
  const noCache = /(?:^|,)\s*no-cache\s*(?:,|$)/i;
  return noCache.test(request.headers.get("Cache-Control") ?? "") || noCache.test(request.headers.get("Pragma") ?? "");
}

/**
 * For a page request whose tag names kept bytes: a response that tells entry.server to send them,
 * else null (and the rendered page will be kept). Typed as carrying no data, like notModified.
 */
export function fromPageCache(request: Request, context: AppLoadContext | undefined, tag: string): TypedResponse<never> | null {
  if (!context?.pageRequest || request.method !== "GET") return null;
  const encoding = pageEncoding(request);
  const key = keyOf(tag, encoding);
  const body = wantsFresh(request) ? undefined : pages.get(key);
  context.page = { key, body, encoding };
  if (!body) return null;
  return new Response(null, { status: 200, headers: cacheHeaders(tag) }) as TypedResponse<never>;
}

/**
 * A page's conditional GET and page cache in one: the headers its response carries (ETag,
 * Cache-Control), and the response to return at once when the browser (304) or the page cache
 * already holds this version of it.
 */
export function unchangedPage(request: Request, context: AppLoadContext | undefined, page: { viewer: number | string; asOf: string }) {
  const tag = pageTag(request, page);
  return { headers: cacheHeaders(tag), unchanged: notModified(request, tag) ?? fromPageCache(request, context, tag) };
}

/** The kept bytes entry.server should send for this request, if a loader found some. */
export function keptPage(context: AppLoadContext, status: number): { body: Buffer; encoding: Encoding } | null {
  const slot = context.page;
  return status === 200 && slot?.body ? { body: slot.body, encoding: slot.encoding } : null;
}

/**
 * False for a page that carries its response's CSP nonce (every page with scripts does): a nonce is
 * per response, so such a page is never sent twice. Searched in the bytes: searching the string
 * React made (a rope of many pieces) flattened it first, a tenth of a plan page's CPU.
 */
export function isReplayable(html: Buffer, nonce: string | undefined) {
  return !nonce || !html.includes(nonce);
}

/**
 * Keeps a page entry.server has just rendered and compressed, when its loader asked for that.
 * entry.server calls this only for a page without its response's nonce (a nonce is never replayed).
 */
export function keepPage(context: AppLoadContext, status: number, body: Buffer, encoding: Encoding) {
  const slot = context.page;
  if (!slot || slot.body || status !== 200 || encoding !== slot.encoding) return;
  pages.set(slot.key, body);
}

/** What is kept, for tests and the bench. */
export function pageCacheStats() {
  return { pages: pages.size, bytes: pages.calculatedSize };
}

/** Forgets every kept page. */
export function clearPageCache() {
  pages.clear();
}
