// Conditional GET for pages whose content follows from the database, the viewer and a date (the
// action plans): an ETag from the data's version, so an unchanged page answers 304 Not Modified
// without loading or rendering anything. One mechanism for every route that opts in:
//
//   const tag = pageTag(request, { viewer: user.id, asOf });
//   const unchanged = notModified(request, tag);
//   if (unchanged) return unchanged;
//   ...
//   return json(data, { headers: cacheHeaders(tag) });
//   export { headers } from "~/utils/etag.server";   // hands the ETag to the HTML response
//
// and entry.server.tsx answers 304 without rendering when a loader did.
//
// The data's version is the head of the audit trail (every write appends an audit event in its own
// transaction, and the trail is append-only, so the head moves with every change anywhere) plus
// SQLite's data_version (which moves when another process, such as `waymark import` or a seed,
// commits): coarse, since any write anywhere changes every tag, but never stale, and two indexed
// look-ups instead of a query per table. The tag also covers the viewer (what they may see), the
// as-of date (flags change with it; "today" is resolved before this), the URL (filters, page) and
// the server build (the HTML changes with the code).
import crypto from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { HeadersFunction, TypedResponse } from "@remix-run/node";
import { getSqlite } from "~/db.server";

/** Changes whenever this server's code does (the built bundle, or this file under tests). */
const BUILD = (() => {
  try {
    const stat = fs.statSync(fileURLToPath(import.meta.url));
    return `${stat.size}.${Math.round(stat.mtimeMs)}`;
  } catch {
    return String(Date.now());
  }
})();

const statements = new WeakMap<object, { head: { pluck(): { get(): unknown } } }>();

/** The database's version as this connection sees it. */
export function dataVersion(): string {
  const sqlite = getSqlite();
  let s = statements.get(sqlite);
  if (!s) {
    s = { head: sqlite.prepare("select max(id) from audit_events") };
    statements.set(sqlite, s);
  }
  const head = s.head.pluck().get() ?? 0;
  const external = sqlite.pragma("data_version", { simple: true });
  return `${head}.${external}`;
}

/** A weak ETag for this request's page as seen by `viewer` as of `asOf`. */
export function pageTag(request: Request, { viewer, asOf }: { viewer: number | string; asOf: string }): string {
  const url = new URL(request.url);
  // Remix's own ?_data parameter names the route; the rest is the page's query.
  const hash = crypto
    .createHash("sha256")
    .update([BUILD, dataVersion(), viewer, asOf, url.pathname, url.search].join("\n"))
    .digest("base64url")
    .slice(0, 27);
  return `W/"${hash}"`;
}

/** True when the request's If-None-Match names this tag (weak comparison, as RFC 9110 asks for GET). */
export function matches(request: Request, tag: string): boolean {
  const header = request.headers.get("If-None-Match");
  if (!header) return false;
  if (header.trim() === "*") return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => opaque(t) === opaque(tag));
}

/** Headers that let the browser keep the page and ask again each time (it may hold someone's data). */
export function cacheHeaders(tag: string): Record<string, string> {
  return { ETag: tag, "Cache-Control": "private, no-cache" };
}

/**
 * A 304 response when the browser already holds this version, else null. Typed as carrying no
 * data, so a loader that returns it keeps its data's type.
 */
export function notModified(request: Request, tag: string): TypedResponse<never> | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (!matches(request, tag)) return null;
  return new Response(null, { status: 304, headers: cacheHeaders(tag) }) as TypedResponse<never>;
}

/** A route's `headers` export: passes its loader's ETag and Cache-Control on to the page. */
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const out = new Headers();
  for (const name of ["ETag", "Cache-Control"]) {
    const value = loaderHeaders.get(name);
    if (value) out.set(name, value);
  }
  return out;
};
