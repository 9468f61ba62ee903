import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { todayInLondon } from "~/modules/action/rules";
import { requireProgrammeAccess } from "~/modules/auth/access.server";
import { loadDependencyGraph, programmeScope } from "~/modules/schedule/graph.server";
import { GraphPage } from "~/modules/schedule/graph-ui";
import { graphView } from "~/modules/schedule/graph-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Dependencies: ${data?.programme.name ?? "programme"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug);
  const graph = loadDependencyGraph({ user, projectIds: programmeScope(user, programme.id), asOf: todayInLondon() });
  const view = graphView(graph, new URL(request.url).searchParams);
  return json({ programme: { slug: programme.slug, name: programme.name }, view }, { status: view.error ? 400 : 200 });
}

export default function ProgrammeDependencies() {
  const { programme, view } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: `/programmes/${programme.slug}`, label: programme.name },
        ]}
      />
      <PageTitle caption={programme.name}>Dependencies across the programme</PageTitle>
      <p className="govuk-body">Work packages and actions of the programme&apos;s projects you can see, and how they wait for each other.</p>
      <GraphPage data={view} title={programme.name} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
