// GET /api/v1/openapi.json: the API's OpenAPI 3.1 description (public, no token needed).
import { openApiDocument } from "~/modules/api/openapi";

export const loader = () =>
  new Response(JSON.stringify(openApiDocument(), null, 2), { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" } });
