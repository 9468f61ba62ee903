import type { LoaderFunctionArgs } from "@remix-run/node";
import { publicDownload } from "~/modules/report/public.server";

/** The linked report as DOCX, read without an account. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return publicDownload(request, params.token, new URL(request.url).searchParams.get("version"), "docx");
}
