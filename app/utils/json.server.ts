// `json()` as @remix-run/node has it, for the pages whose data is large (the plans, the action page,
// the attention list, the registers, the timeline), without the round trip: Remix's `json()`
// serialises the data into the Response, and the same request then parses it back to render the
// page (and, for a page that hydrates, serialises it again into the page). Here the Response's
// body is written only when something reads it (a client-side navigation's `?_data` request, a
// test), and `response.json()` hands back the data itself. Decision 0024.
//
// The data must be what JSON would give back (strings, numbers, booleans, null, arrays, plain
// objects): the page is rendered from the data as it is, and hydrates from its JSON. No Dates,
// Maps or class instances.
import type { TypedResponse } from "@remix-run/node";

const encoder = new TextEncoder();

export function json<Data>(data: Data, init: number | ResponseInit = {}): TypedResponse<Data> {
  const responseInit = typeof init === "number" ? { status: init } : init;
  const headers = new Headers(responseInit.headers);
  if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json; charset=utf-8");
  // highWaterMark 0: a stream pulls once as soon as it is made unless told to wait for a reader.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        controller.enqueue(encoder.encode(JSON.stringify(data)));
        controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  const response = new Response(body, { ...responseInit, headers });
  // Remix reads a loader's data with `response.json()` (router's convertDataStrategyResultToDataResult).
  Object.defineProperty(response, "json", { value: () => Promise.resolve(data) });
  return response as TypedResponse<Data>;
}
