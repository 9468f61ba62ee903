import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicIndexDownload } from "~/modules/report/public.server";

/** A report from a programme's public index as PDF, read without an account. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return publicIndexDownload(request, params.token, params.reportId, "pdf");
}
