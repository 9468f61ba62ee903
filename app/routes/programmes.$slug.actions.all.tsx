import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs } from "~/components/layout";
import { PlanPage } from "~/modules/action/plan-ui";
import { programmePlanPage } from "~/modules/action/plan-page.server";

export { headers } from "~/utils/etag.server";

// For printing and export: every matching row on one page, sent without the page's scripts (root.tsx reads this handle).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `All actions: ${data?.caption ?? "programme"} – Waymark` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return programmePlanPage(request, context, params.slug, { all: true });
}

export default function ProgrammeActionPlanAll() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: data.path.replace(/\/actions$/, ""), label: data.caption }]} />
      <PlanPage data={data} search={search} emptyText="The projects of this programme that you can see have no actions yet." />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
