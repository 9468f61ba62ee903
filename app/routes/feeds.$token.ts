// A calendar feed for Outlook and other clients: no session, the secret token in the URL is the
// key. Unknown or revoked tokens get the same 404. ETag/304 keep polling cheap.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/env.server";
import { feedForToken } from "~/modules/calendar/feeds.server";
import { etagFor } from "~/modules/calendar/ics";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = feedForToken(token, getEnv().APP_URL);
  if (body === null) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const etag = etagFor(body);
  const headers = {
    "Content-Type": "text/calendar; charset=utf-8",
    "Content-Disposition": 'inline; filename="waymark.ics"',
    "Cache-Control": "private, max-age=900",
    ETag: etag,
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
  };
  const match = request.headers.get("If-None-Match");
  if (match && match.split(",").some((t) => t.trim() === etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status: 200, headers });
}
