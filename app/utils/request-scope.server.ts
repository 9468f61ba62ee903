// One HTTP request, several loaders: Remix gives each loader of a page (root, layout, page) its own
// copy of the Request, but the same load context (the object server.js's getLoadContext makes per
// request). server.js wraps every route's loader once (withRequestScopes) so that each loader's
// Request is tied to that shared context; `perRequest` then works a value out once per HTTP request
// (the signed-in user, a project's access), however many loaders ask for it.
// A Request not tied to a scope (a test calling a loader directly, an action) gets no memo: the
// value is worked out at each call, exactly as before.

import type { LoaderFunctionArgs } from "@remix-run/node";

const scopeOfRequest = new WeakMap<Request, object>();
const memos = new WeakMap<object, Map<string, unknown>>();

/** Ties `request` to `scope` (one object per HTTP request). */
export function bindRequestScope(request: Request, scope: object) {
  scopeOfRequest.set(request, scope);
}

/** The object shared by every loader of `request`'s HTTP request, or undefined outside one. */
export function requestScope(request: Request): object | undefined {
  return scopeOfRequest.get(request);
}

/**
 * `compute()` once per HTTP request and `key`: later loaders of the same request get the first
 * result (a promise is kept as it is, so concurrent loaders share it). Only for reads that cannot
 * change while the request's loaders run.
 */
export function perRequest<T>(request: Request, key: string, compute: () => T): T {
  const scope = scopeOfRequest.get(request);
  if (!scope) return compute();
  let memo = memos.get(scope);
  if (!memo) {
    memo = new Map();
    memos.set(scope, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

type Loader = (args: LoaderFunctionArgs) => unknown;
interface RouteEntry {
  module: { loader?: Loader };
}

/**
 * A copy of the server build whose route loaders tie their Request to the request's load context.
 * Loaders only: an action runs before its page's loaders in the same request and may change what
 * they read, so actions always read afresh.
 */
export function withRequestScopes<B extends { routes: Record<string, RouteEntry | undefined> }>(build: B): B {
  const routes: Record<string, RouteEntry | undefined> = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const loader = route?.module.loader;
    routes[id] =
      route && loader
        ? {
            ...route,
            module: {
              ...route.module,
              loader: (args) => {
                if (args.context && typeof args.context === "object") bindRequestScope(args.request, args.context);
                return loader(args);
              },
            },
          }
        : route;
  }
  return { ...build, routes };
}
