import type { LoaderFunctionArgs } from "@remix-run/node";
import { programmeRiskDownload } from "~/modules/sheet/route.server";

/** GET /programmes/:slug/risks.csv: the programme's own risk register as its page shows it (same filters). */
export const loader = ({ request, params }: LoaderFunctionArgs) => programmeRiskDownload(request, params.slug, "csv");
