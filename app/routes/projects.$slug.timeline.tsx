import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { projectTimelineScope, timelinePageData } from "~/modules/schedule/pages.server";
import { TimelinePage } from "~/modules/schedule/ui";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.errors ? "Error: " : ""}Timeline: ${data?.title.replace(/: timeline$/, "") ?? "project"} – Waymark` }];

// Server-rendered only: the chart is already drawn, and without the hydration data the page stays small.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await projectTimelineScope(request, params.slug);
  const { status, data } = timelinePageData(scope, request);
  return json(data, { status });
}

export default function ProjectTimeline() {
  const data = useLoaderData<typeof loader>();
  const { project } = useProject();
  return <TimelinePage data={data} caption={project.name} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
