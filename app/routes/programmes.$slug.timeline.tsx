import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { defer } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs } from "~/components/layout";
import { programmeTimelineScope, timelinePageData, timelineUnchanged } from "~/modules/schedule/pages.server";
import { TimelinePage, type TimelinePageData } from "~/modules/schedule/ui";
import { loadAsDocument, ServerOnly, serverOnly } from "~/utils/server-only";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.hasErrors ? "Error: " : ""}Timeline: ${data?.programme.name ?? "programme"} – Waymark` },
];

// Server-rendered only: the chart is already drawn, and without the hydration data the page stays
// small. Its data goes to the component as it is (utils/server-only.ts); a link followed in a
// hydrated page loads it as a document.
export const handle = { hydrate: false };
export const clientLoader = loadAsDocument;

export { headers } from "~/utils/etag.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const scope = await programmeTimelineScope(request, params.slug);
  const { headers, unchanged } = timelineUnchanged(scope, request, context);
  if (unchanged) return unchanged;
  const { status, data } = timelinePageData(scope, request);
  const programme = { slug: params.slug!, name: scope.kind === "programme" ? scope.name : "" };
  return defer({ programme, hasErrors: Boolean(data.errors), page: new ServerOnly(data) }, { status, headers });
}

export default function ProgrammeTimeline() {
  const { programme, page } = useLoaderData<typeof loader>();
  const data = serverOnly<TimelinePageData>(page);
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: `/programmes/${programme.slug}`, label: programme.name },
        ]}
      />
      <TimelinePage data={data} caption={programme.name} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
