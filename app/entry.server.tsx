import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { compressBody } from "~/utils/compress.server";
import { getEnv } from "~/env.server";
import { auditCheckpointTick } from "~/modules/audit/checkpoint.server";
import { recordRefusal } from "~/modules/auth/access.server";
import { hasPageErrors, prefixTitle } from "~/utils/error-title.server";
import { startDigestScheduler, stopDigestScheduler } from "~/modules/digest/scheduler.server";
import { pruneExpiredSessions } from "~/modules/auth/session.server";
import { pruneExpiredLimits } from "~/modules/throttle/service.server";

const ABORT_DELAY = 5_000;

// Read by server.js from the build (build.entry.module): settings, start-up checks and request
// hooks that need the app's modules without loading a second copy of them.
export { getEnv } from "~/env.server";
export { withGuardedActions } from "~/utils/request-body.server";
export { withRequestScopes } from "~/utils/request-scope.server";

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
 * The page as one body: React renders it whole (no page suspends), into one buffer. Streamed in
 * React's many small chunks, each went through compression's zlib stream on its own, which cost
 * more CPU than rendering the page (decision 26).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  // A loader answered 304 Not Modified (~/utils/etag.server): nothing to render.
  if (responseStatusCode === 304) return new Response(null, { status: 304, headers: responseHeaders });
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const body = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    body.on("finish", () => {
      clearTimeout(timer);
      let html = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      const { actionData, loaderData } = remixContext.staticHandlerContext;
      if (hasPageErrors(actionData, loaderData)) html = prefixTitle(html);
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      html = compressBody(request, html, responseHeaders);
      responseHeaders.set("Content-Length", String(html.length));
      resolve(new Response(html as Uint8Array<ArrayBuffer>, { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // An error in the shell rejects (above) and Remix reports it; one after it is only logged.
          if (shellRendered) console.error(error);
        },
      },
    );
    // React starts rendering on a later turn, so the callbacks above never run before this line.
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
