import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner, FlagTags } from "~/components/flag-tags";
import { formatDate, PageTitle, SummaryList } from "~/components/layout";
import { readAsOf, STATUS_NAMES } from "~/modules/action/plan-view";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { recommendationPage } from "~/modules/recommendation/service.server";
import { todayInLondon } from "~/utils/dates";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.recommendation.ref ?? "Recommendation"}: ${data?.recommendation.title ?? ""} – ${data?.projectName ?? "Project"} – Waymark` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  const asOf = readAsOf(new URL(request.url).searchParams, todayInLondon());
  const page = recommendationPage({ projectId: project.id, recommendationId: Number(params.recommendationId), asOf: asOf.asOf });
  return json({ projectName: project.name, asOf, ...page });
}

export default function RecommendationPage() {
  const { recommendation: r, progress, actions, asOf } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const { pathname } = useLocation();
  return (
    <>
      <PageTitle caption={`${project.name} – recommendation ${r.ref}`}>{r.title}</PageTitle>
      <SummaryList
        rows={[
          { key: "Reference", value: r.ref },
          { key: "Source", value: r.source || "Not recorded" },
          { key: "Progress", value: progress.text },
        ]}
      />
      {r.body ? (
        <div className="govuk-inset-text waymark-prewrap">{r.body}</div>
      ) : null}
      {canManage ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${pathname}/edit`}>
            Change this recommendation
          </Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Actions answering {r.ref}</h2>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref={pathname} label="Flags are shown" />
      {actions.length === 0 ? (
        <p className="govuk-body">No action answers this recommendation yet. Link one from the action’s form.</p>
      ) : (
        <div className="waymark-table-scroll" role="region" aria-label={`Actions answering ${r.ref}`} tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Actions answering {r.ref}, with their flags</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Action</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">Due</th>
                <th scope="col" className="govuk-table__header">Flags</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {actions.map((a) => (
                <tr className="govuk-table__row" key={a.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/projects/${project.slug}/actions/${a.id}`}>
                      {a.ref} {a.title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{STATUS_NAMES[a.status]}</td>
                  <td className="govuk-table__cell">{a.dueDate ? formatDate(a.dueDate) : a.deadlineText || "Not set"}</td>
                  <td className="govuk-table__cell">
                    <FlagTags flags={a.flags} none={<span className="govuk-body-s">None</span>} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
