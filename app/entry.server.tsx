import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { compressBody } from "~/utils/compress.server";
import { isReplayable, keepPage, keptPage } from "~/utils/page-cache.server";
import { getEnv } from "~/env.server";
import { auditCheckpointTick } from "~/modules/audit/checkpoint.server";
import { recordRefusal } from "~/modules/auth/access.server";
import { hasPageErrors, prefixTitle } from "~/utils/error-title.server";
import { startDigestScheduler, stopDigestScheduler } from "~/modules/digest/scheduler.server";
import { pruneExpiredSessions } from "~/modules/auth/session.server";
import { pruneExpiredLimits } from "~/modules/throttle/service.server";

// Read by server.js from the build (build.entry.module): settings, start-up checks and request
// hooks that need the app's modules without loading a second copy of them.
export { getEnv } from "~/env.server";
export { withGuardedActions } from "~/utils/request-body.server";
export { withRequestScopes } from "~/utils/request-scope.server";
export { arrivalOrder } from "~/utils/arrival-order.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, made by server.js. */
    cspNonce?: string;
  }
}

let housekeeping: ReturnType<typeof setInterval> | undefined;

export function onServerStart() {
  getEnv();
  startDigestScheduler();
  if (getEnv().RUN_SCHEDULER === "1" && !housekeeping) {
    const prune = () => {
      try {
        pruneExpiredSessions();
        pruneExpiredLimits();
      } catch (error) {
        console.error("Session housekeeping failed:", error);
      }
      void auditCheckpointTick();
    };
    prune();
    housekeeping = setInterval(prune, 3_600_000);
    housekeeping.unref();
  }
}

export function onServerStop() {
  stopDigestScheduler();
  if (housekeeping) clearInterval(housekeeping);
  housekeeping = undefined;
}

export function recordRefusedRequest(info: { ip: string; method: string; path: string; origin: string | null }) {
  recordRefusal({
    actor: { userId: null, personId: null, label: "unknown", ip: info.ip },
    request: { method: info.method, path: info.path },
    what: "cross-origin POST",
    status: 403,
    meta: { why: "cross-origin POST", origin: info.origin },
  });
}

/**
 * The page as one body: React renders it whole, in one call, to a string (no page suspends: the
 * timeline's `defer()` carries no promise). Streamed in React's many small chunks, each went
 * through compression's zlib stream on its own, which cost more CPU than rendering the page; and
 * piped whole into a buffer, the stream's chunk-by-chunk flushing was still a third of the
 * render (decision 26).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A loader answered 304 Not Modified (~/utils/etag.server): nothing to render.
  if (responseStatusCode === 304) return new Response(null, { status: 304, headers: responseHeaders });
  // A loader found this page as it was sent before (~/utils/page-cache.server): the same bytes again.
  const kept = keptPage(loadContext, responseStatusCode);
  if (kept) {
    responseHeaders.append("Server-Timing", 'page;desc="kept"');
    return send(kept.body, kept.encoding, responseHeaders, responseStatusCode);
  }
  const nonce = loadContext.cspNonce;
  // A throw here reaches Remix, which renders the error boundary through this function again.
  const markup = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  let html: Buffer = Buffer.from(`<!DOCTYPE html>${markup}`);
  const { actionData, loaderData } = remixContext.staticHandlerContext;
  if (hasPageErrors(actionData, loaderData)) html = prefixTitle(html);
  const replayable = isReplayable(html, nonce);
  html = compressBody(request, html, responseHeaders);
  const encoding = (responseHeaders.get("Content-Encoding") as "br" | "gzip" | null) ?? "identity";
  if (replayable) keepPage(loadContext, responseStatusCode, html, encoding);
  return send(html, encoding, responseHeaders, responseStatusCode);
}

function send(body: Buffer, encoding: "br" | "gzip" | "identity", headers: Headers, status: number) {
  headers.set("Content-Type", "text/html; charset=utf-8");
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  headers.set("Content-Length", String(body.length));
  return new Response(body as Uint8Array<ArrayBuffer>, { headers, status });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
