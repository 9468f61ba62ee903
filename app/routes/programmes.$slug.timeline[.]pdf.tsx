import type { LoaderFunctionArgs } from "@remix-run/node";
import { programmeTimelineScope, timelineDownload } from "~/modules/schedule/pages.server";

/** The programme's timeline (the projects the viewer may see) as PDF, with the page's query parameters. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return timelineDownload(await programmeTimelineScope(request, params.slug), request, "pdf");
}
