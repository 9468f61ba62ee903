import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PlanPage } from "~/modules/action/plan-ui";
import { projectPlanPage } from "~/modules/action/plan-page.server";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { useProject } from "./projects.$slug";

export { headers } from "~/utils/etag.server";

// A read-only table with links and GET forms: sent as plain HTML, without the page's scripts, so its
// rows are not sent a second time as hydration data (root.tsx reads this handle; decision 0009).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Action plan: ${data?.caption ?? "project"} – Waymark` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return projectPlanPage(request, context, params.slug, { all: false });
}

export default function ActionPlan() {
  const data = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const { search } = useLocation();
  return (
    <PlanPage
      data={data}
      search={search}
      emptyText="This project has no actions yet."
      downloads={<DownloadLinks href={`/projects/${project.slug}/actions`} search={search} what={search && search !== "?" ? "these actions" : "the action plan"} />}
      actions={
        canManage ? (
          <div className="govuk-button-group">
            <Link className="govuk-button" to={`/projects/${project.slug}/actions/new`}>
              Add an action
            </Link>
            <Link className="govuk-button govuk-button--secondary" to={`/projects/${project.slug}/import`}>
              Import from a spreadsheet
            </Link>
          </div>
        ) : null
      }
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
