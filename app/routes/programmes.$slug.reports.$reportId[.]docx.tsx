import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportDownload } from "~/modules/report/downloads.server";
import { reportPlace } from "~/modules/report/pages.server";

/** The published report as DOCX, from its frozen snapshot. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return reportDownload(request, await reportPlace(request, params, "programme"), params.reportId, "docx");
}
