import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/nonce";
import { getEnv } from "~/env.server";
import { auditCheckpointTick } from "~/modules/audit/checkpoint.server";
import { recordRefusal } from "~/modules/auth/access.server";
import { hasPageErrors, prefixTitleStream } from "~/utils/error-title.server";
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
  const botLike = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [botLike ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = hasPageErrors(remixContext.staticHandlerContext.actionData, remixContext.staticHandlerContext.loaderData) ? prefixTitleStream() : new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
