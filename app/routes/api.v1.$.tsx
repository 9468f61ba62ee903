// GET /api/v1/…: the read-only JSON API (docs/api.md). Token, rate limit, paging and ETag are
// handled in ~/modules/api/handler.server; the path picks a resource.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError, handleApi } from "~/modules/api/handler.server";
import { matchApiRoute } from "~/modules/api/resources.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const match = matchApiRoute(`/${params["*"] ?? ""}`);
  if (!match) return apiError(404, "not_found", "No such API path: see /api/v1/openapi.json");
  return handleApi(request, match.params, match.resource);
}

// Only GET: anything else is refused with the API's error shape.
export const action = ({ request }: ActionFunctionArgs) => handleApi(request, {}, () => ({ data: null }));
