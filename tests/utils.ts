import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { UNSAFE_DeferredData } from "@remix-run/router";
import { write } from "~/db.server";
import { sessionCookieHeader, startSession } from "~/modules/auth/session.server";
import { unwrapServerOnly } from "~/utils/server-only";

export const APP = "http://localhost:3999";

/** A Cookie header for a fresh session of this user, as a browser would send it. */
export async function cookieFor(userId: number) {
  const token = write((tx) => startSession(tx, userId));
  const setCookie = await sessionCookieHeader(token);
  return setCookie.split(";")[0]!;
}

/** A request as the signed-in user's browser would make it (same origin). */
export async function requestAs(userId: number | null, path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}) {
  const headers = new Headers(init.headers);
  if (userId !== null) headers.set("Cookie", await cookieFor(userId));
  let body = init.body;
  if (init.form) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(init.form)) for (const item of ([] as string[]).concat(v)) params.append(k, item);
    body = params;
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", APP);
  }
  return new Request(`${APP}${path}`, { method: init.form ? "POST" : (init.method ?? "GET"), headers, body });
}

/** Calls a loader or action and gives back the Response whether it returned or threw one. */
export async function call(fn: (args: LoaderFunctionArgs) => unknown, request: Request, params: Record<string, string> = {}) {
  try {
    const result = await fn({ request, params, context: {} as AppLoadContext });
    if (result instanceof Response) return result;
    // defer(): what the page's component reads (utils/server-only.ts), as JSON, with defer's status.
    if (result instanceof UNSAFE_DeferredData) return new Response(JSON.stringify(unwrapServerOnly(result.data)), { status: result.init?.status ?? 200 });
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
