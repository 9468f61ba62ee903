// Loader data for a page drawn on the server and never hydrated (its route says
// `handle = { hydrate: false }`, so root.tsx sends it without scripts): the timeline's half a
// megabyte of chart markup. Returned with `defer()` it reaches the component as it is, not through
// `json()`, a Response body and `JSON.parse`; wrapped in ServerOnly it is not written a second
// time into Remix's hydration hand-off, which Remix builds for every document request even when
// no script will read it. Together those were some 15% of the page's server time
// (docs/decisions/0025-timeline-speed.md).
import { redirectDocument, type ClientLoaderFunctionArgs } from "@remix-run/react";

export class ServerOnly<T> {
  constructor(readonly value: T) {}
  /** What JSON (the hydration hand-off) gets: nothing. No script on the page would read it. */
  toJSON() {
    return null;
  }
}

/** The value a loader wrapped, in the component (which only ever renders on the server). */
export function serverOnly<T>(wrapped: unknown): T {
  if (!(wrapped instanceof ServerOnly)) throw new Error("This page is drawn on the server: load it as a document.");
  return wrapped.value as T;
}

/**
 * A route's `clientLoader` for such a page: a link followed in a hydrated page loads it as a
 * document (the server draws it; its data is not sent as JSON).
 */
export function loadAsDocument({ request }: ClientLoaderFunctionArgs) {
  return redirectDocument(request.url);
}

/** The data with every ServerOnly value unwrapped: what tests and other callers read as JSON. */
export function unwrapServerOnly(value: unknown): unknown {
  if (value instanceof ServerOnly) return unwrapServerOnly(value.value);
  if (Array.isArray(value)) return value.map(unwrapServerOnly);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapServerOnly(v)]));
  return value;
}
