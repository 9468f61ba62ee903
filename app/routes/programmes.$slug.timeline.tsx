import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs } from "~/components/layout";
import { programmeTimelineScope, timelinePageData } from "~/modules/schedule/pages.server";
import { TimelinePage } from "~/modules/schedule/ui";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.errors ? "Error: " : ""}Timeline: ${data?.programme.name ?? "programme"} – Waymark` },
];

// Server-rendered only: the chart is already drawn, and without the hydration data the page stays small.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await programmeTimelineScope(request, params.slug);
  const { status, data } = timelinePageData(scope, request);
  return json({ ...data, programme: { slug: params.slug!, name: scope.kind === "programme" ? scope.name : "" } }, { status });
}

export default function ProgrammeTimeline() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: `/programmes/${data.programme.slug}`, label: data.programme.name },
        ]}
      />
      <TimelinePage data={data} caption={data.programme.name} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
