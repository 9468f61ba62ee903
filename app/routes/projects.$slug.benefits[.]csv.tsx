import type { LoaderFunctionArgs } from "@remix-run/node";
import { registerDownload } from "~/modules/sheet/route.server";

/** GET /projects/:slug/benefits.csv: one row per benefit and organisation (baseline, targets per year, latest actual, RAG). */
export const loader = ({ request, params }: LoaderFunctionArgs) => registerDownload(request, params.slug, "benefits", "csv");
