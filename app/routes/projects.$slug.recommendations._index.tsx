import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { listRecommendations } from "~/modules/recommendation/service.server";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Recommendations – ${data?.projectName ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ projectName: project.name, recommendations: listRecommendations({ projectId: project.id }) });
}

export default function Recommendations() {
  const { recommendations } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/recommendations`;
  return (
    <>
      <PageTitle caption={project.name}>Recommendations</PageTitle>
      <p className="govuk-body">Recommendations from an inspection or review that this project’s actions answer.</p>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Add a recommendation
        </Link>
      ) : null}
      {recommendations.length === 0 ? (
        <p className="govuk-body">No recommendations yet.</p>
      ) : (
        <div className="waymark-table-scroll" role="region" aria-label="Recommendations" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Recommendations and how far their actions have got</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Recommendation</th>
                <th scope="col" className="govuk-table__header">Source</th>
                <th scope="col" className="govuk-table__header">Progress</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {recommendations.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">{r.ref}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${r.id}`}>
                      {r.title}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{r.source || "Not recorded"}</td>
                  <td className="govuk-table__cell">{r.progress.text}</td>
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
