import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Tag, formatDate } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { slipText } from "~/modules/structure/dates";
import { listMilestones } from "~/modules/structure/milestone.server";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = () => [{ title: "Milestones – Waymark" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ milestones: listMilestones({ projectId: project.id }) });
}

export default function Milestones() {
  const { milestones } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/milestones`;
  return (
    <>
      <PageTitle caption={project.name}>Milestones</PageTitle>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Add a milestone
        </Link>
      ) : null}
      {milestones.length === 0 ? (
        <p className="govuk-body">This project has no milestones yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Milestones by target date</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Milestone</th>
              <th scope="col" className="govuk-table__header">Target</th>
              <th scope="col" className="govuk-table__header">Baseline</th>
              <th scope="col" className="govuk-table__header">Slippage</th>
              <th scope="col" className="govuk-table__header">Achieved</th>
              {canManage ? (
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {milestones.map((m) => (
              <tr className="govuk-table__row" key={m.id}>
                <td className="govuk-table__cell">
                  {m.name}
                  {m.description ? <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">{m.description}</span> : null}
                </td>
                <td className="govuk-table__cell">{formatDate(m.targetDate)}</td>
                <td className="govuk-table__cell">{formatDate(m.baselineDate)}</td>
                <td className="govuk-table__cell">
                  {m.slippedDays > 0 ? <Tag colour="orange">{slipText(m.slippedDays)}</Tag> : slipText(m.slippedDays)}
                </td>
                <td className="govuk-table__cell">{m.achievedDate ? <Tag colour="green">Achieved {formatDate(m.achievedDate)}</Tag> : "Not yet"}</td>
                {canManage ? (
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${m.id}/edit`}>
                      Edit<span className="govuk-visually-hidden"> {m.name}</span>
                    </Link>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
