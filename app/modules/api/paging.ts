// Pure paging, errors and caching helpers for the read-only API. No I/O.
import { createHash } from "node:crypto";

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The one error shape every API failure has. */
export const errorBody = (code: string, message: string) => ({ error: { code, message } });

/** An opaque cursor: the id of the last item of the previous page, base64url-encoded. */
export function encodeCursor(lastId: number): string {
  return Buffer.from(JSON.stringify({ after: lastId }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string | null): number {
  if (!cursor) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof parsed.after === "number" && Number.isInteger(parsed.after) && parsed.after >= 0) return parsed.after;
  } catch {
    // fall through
  }
  throw new ApiError(400, "bad_cursor", "The cursor is not one this API gave out");
}

export function readLimit(value: string | null): number {
  if (value === null || value === "") return DEFAULT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new ApiError(400, "bad_limit", `limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

/** One page of items in id order after the cursor, with the cursor for the next page (null on the last). */
export function pageOf<T extends { id: number }>(items: readonly T[], limit: number, after: number) {
  const sorted = [...items].sort((a, b) => a.id - b.id);
  const rest = sorted.filter((i) => i.id > after);
  const data = rest.slice(0, limit);
  const next = rest.length > limit ? encodeCursor(data[data.length - 1]!.id) : null;
  return { data, next };
}

/** The URL of the next page: the same query with the cursor replaced. */
export function nextUrl(url: URL, cursor: string): string {
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  return next.toString();
}

/** A weak ETag of the body: the same data gives the same tag. */
export function etagOf(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** If-None-Match holds the tag (or "*"): answer 304. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim() === "*" || strip(t) === strip(etag));
}
