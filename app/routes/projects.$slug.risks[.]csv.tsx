import type { LoaderFunctionArgs } from "@remix-run/node";
import { registerDownload } from "~/modules/sheet/route.server";

/** GET /projects/:slug/risks.csv: the register as the page shows it (same filters and as-of date). */
export const loader = ({ request, params }: LoaderFunctionArgs) => registerDownload(request, params.slug, "risks", "csv");
