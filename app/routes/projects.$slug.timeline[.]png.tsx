import type { LoaderFunctionArgs } from "@remix-run/node";
import { projectTimelineScope, timelineDownload } from "~/modules/schedule/pages.server";

/** The project's timeline as PNG, with the page's query parameters. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return timelineDownload(await projectTimelineScope(request, params.slug), request, "png");
}
