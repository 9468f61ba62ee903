// The API's one wrapper: token → person, rate limit, JSON errors, paging links, ETag/304 and
// Cache-Control: no-store. Resource functions (resources.server.ts) only load and serialise.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "~/env.server";
import { todayInLondon } from "~/modules/action/rules";
import type { SessionUser } from "~/modules/auth/session.server";
import { ApiError, errorBody, etagOf, matchesEtag, nextUrl } from "./paging";
import { bearerToken } from "./tokens";
import { userForToken } from "./tokens.server";

/**
 * Requests per token per minute (WAYMARK_API_RATE_LIMIT in app/env.server.ts, default 600), counted
 * in this process's memory: no database write per request.
 */
let limiter: RateLimiterMemory | undefined;
function rateLimiter() {
  limiter ??= new RateLimiterMemory({ points: getEnv().WAYMARK_API_RATE_LIMIT, duration: 60 });
  return limiter;
}

// X-Content-Type-Options comes from helmet in server.js, on every response (set here too, it was sent twice).
const baseHeaders = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export function apiError(status: number, code: string, message: string, extra: Record<string, string> = {}) {
  return new Response(JSON.stringify(errorBody(code, message)), { status, headers: { ...baseHeaders, ...extra } });
}

export type ApiResult = { data: unknown; next?: string | null };
export type ApiResource = (ctx: { user: SessionUser; url: URL; params: Record<string, string | undefined>; today: string }) => ApiResult;

export async function handleApi(request: Request, params: Record<string, string | undefined>, resource: ApiResource): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return apiError(405, "method_not_allowed", "The API is read-only: use GET", { Allow: "GET, HEAD" });
  const token = bearerToken(request.headers.get("Authorization"));
  if (!token) return apiError(401, "unauthorised", "Send a personal access token as “Authorization: Bearer <token>”", { "WWW-Authenticate": 'Bearer realm="waymark"' });
  const today = todayInLondon();
  const user = userForToken(token, today);
  if (!user) return apiError(401, "unauthorised", "The token is not valid: it may have expired or been revoked", { "WWW-Authenticate": 'Bearer realm="waymark", error="invalid_token"' });
  try {
    await rateLimiter().consume(String(user.tokenId));
  } catch (rejected) {
    if (rejected instanceof RateLimiterRes) return apiError(429, "rate_limited", `Too many requests: at most ${rateLimiter().points} a minute per token`, { "Retry-After": String(Math.max(1, Math.ceil(rejected.msBeforeNext / 1000))) });
    throw rejected;
  }
  const url = new URL(request.url);
  try {
    const result = resource({ user, url, params, today });
    const body = JSON.stringify(result.next === undefined ? { data: result.data } : { data: result.data, next: result.next ? nextUrl(url, result.next) : null });
    const etag = etagOf(body);
    const headers: Record<string, string> = { ...baseHeaders, ETag: etag };
    if (result.next) headers.Link = `<${nextUrl(url, result.next)}>; rel="next"`;
    if (matchesEtag(request.headers.get("If-None-Match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers });
  } catch (error) {
    if (error instanceof ApiError) return apiError(error.status, error.code, error.message);
    if (error instanceof Response && error.status === 404) return apiError(404, "not_found", "Not found");
    throw error;
  }
}
