import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { write } from "~/db.server";
import { getEnv } from "~/env.server";
import { recordAudit } from "~/modules/audit/service.server";
import { hasFormErrors, prefixTitleStream } from "~/utils/error-title.server";
import { startDigestScheduler, stopDigestScheduler } from "~/modules/digest/scheduler.server";
import { pruneExpiredSessions } from "~/modules/auth/session.server";

const ABORT_DELAY = 5_000;

// Read by server.js from the build (build.entry.module): start-up checks and request hooks that
// need the app's modules without loading a second copy of them.
let housekeeping: ReturnType<typeof setInterval> | undefined;

export function onServerStart() {
  getEnv();
  startDigestScheduler();
  if (getEnv().RUN_SCHEDULER === "1" && !housekeeping) {
    const prune = () => {
      try {
        pruneExpiredSessions();
      } catch (error) {
        console.error("Session housekeeping failed:", error);
      }
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
  write((tx) =>
    recordAudit(tx, {
      actor: { userId: null, personId: null, label: "unknown", ip: info.ip },
      event: "access.refused",
      entityType: "request",
      entityId: info.path,
      meta: { method: info.method, why: "cross-origin POST", origin: info.origin },
    }),
  );
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // A loader answered 304 Not Modified (~/utils/etag.server): nothing to render.
  if (responseStatusCode === 304) return new Response(null, { status: 304, headers: responseHeaders });
  const botLike = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [botLike ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = hasFormErrors(remixContext.staticHandlerContext.actionData) ? prefixTitleStream() : new PassThrough();
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
