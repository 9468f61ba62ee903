import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { defer } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { projectTimelineScope, timelinePageData, timelineUnchanged } from "~/modules/schedule/pages.server";
import { TimelinePage, type TimelinePageData } from "~/modules/schedule/ui";
import { loadAsDocument, ServerOnly, serverOnly } from "~/utils/server-only";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.hasErrors ? "Error: " : ""}Timeline: ${data?.title.replace(/: timeline$/, "") ?? "project"} – Waymark` },
];

// Server-rendered only: the chart is already drawn, and without the hydration data the page stays
// small. Its data goes to the component as it is (utils/server-only.ts); a link followed in a
// hydrated page loads it as a document.
export const handle = { hydrate: false };
export const clientLoader = loadAsDocument;

export { headers } from "~/utils/etag.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = await projectTimelineScope(request, params.slug);
  const { headers, unchanged } = timelineUnchanged(scope, request, context);
  if (unchanged) return unchanged;
  const { status, data } = timelinePageData(scope, request);
  return defer({ title: data.title, hasErrors: Boolean(data.errors), page: new ServerOnly(data) }, { status, headers });
}

export default function ProjectTimeline() {
  const data = serverOnly<TimelinePageData>(useLoaderData<typeof loader>().page);
  const { project } = useProject();
  return <TimelinePage data={data} caption={project.name} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
