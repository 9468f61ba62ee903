import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PlanPage } from "~/modules/action/plan-ui";
import { projectPlanPage } from "~/modules/action/plan-page.server";

export { headers } from "~/utils/etag.server";

// For printing and export: every matching row on one page, sent without the page's scripts, so
// its rows are not sent a second time as hydration data (root.tsx reads this handle).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `All actions: ${data?.caption ?? "project"} – Waymark` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return projectPlanPage(request, context, params.slug, { all: true });
}

export default function ActionPlanAll() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return <PlanPage data={data} search={search} emptyText="This project has no actions yet." />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
