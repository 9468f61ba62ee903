// Any body to any route gets a 4xx with a message, never a 500. Actions read their input with
// `request.formData()`, which throws on a body that is not a form (JSON, text, broken multipart).
// server.js wraps every route's action once, so that reading such a body answers 415 or 400.
// (Oversized bodies and bodies without a length are refused earlier, in server.js.)

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

export const FORM_ONLY_MESSAGE =
  "Waymark's forms accept only form submissions (application/x-www-form-urlencoded or multipart/form-data).";
export const UNREADABLE_FORM_MESSAGE = "The form data sent could not be read. Go back, reload the page and try again.";

function mediaType(request: Request) {
  return (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Makes `request.formData()` throw a 415 or 400 Response, not a TypeError, for a body that is not a form. */
export function guardFormData(request: Request) {
  const read = request.formData.bind(request);
  request.formData = async () => {
    if (!FORM_TYPES.has(mediaType(request))) {
      throw new Response(FORM_ONLY_MESSAGE, { status: 415, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    try {
      return await read();
    } catch {
      throw new Response(UNREADABLE_FORM_MESSAGE, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  };
  return request;
}

type Action = (args: { request: Request }) => unknown;
interface RouteEntry {
  module: { action?: Action };
}

/** A copy of the server build whose route actions all read their body through guardFormData. */
export function withGuardedActions<B extends { routes: Record<string, RouteEntry | undefined> }>(build: B): B {
  const routes: Record<string, RouteEntry | undefined> = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route?.module.action;
    routes[id] = route && action ? { ...route, module: { ...route.module, action: (args) => action({ ...args, request: guardFormData(args.request) }) } } : route;
  }
  return { ...build, routes };
}
