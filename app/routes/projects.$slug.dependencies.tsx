import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { todayInLondon } from "~/modules/action/rules";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { loadDependencyGraph } from "~/modules/schedule/graph.server";
import { GraphPage } from "~/modules/schedule/graph-ui";
import { graphView } from "~/modules/schedule/graph-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Dependencies: ${data?.project.name ?? "project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug);
  const graph = loadDependencyGraph({ user, projectIds: [project.id], asOf: todayInLondon() });
  const view = graphView(graph, new URL(request.url).searchParams);
  return json({ project: { name: project.name }, view }, { status: view.error ? 400 : 200 });
}

export default function ProjectDependencies() {
  const { project, view } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle caption={project.name}>Dependencies</PageTitle>
      <p className="govuk-body">Which work packages feed which, and which actions and milestones wait for which. Blocked and late items are marked in words.</p>
      <GraphPage data={view} title={project.name} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
