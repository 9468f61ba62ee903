import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { listWorkPackages } from "~/modules/structure/work-package.server";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Work packages", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ workPackages: listWorkPackages({ projectId: project.id }) });
}

export default function WorkPackages() {
  const { workPackages } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/work-packages`;
  return (
    <>
      <PageTitle caption={project.name}>Work packages</PageTitle>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Add a work package
        </Link>
      ) : null}
      {workPackages.length === 0 ? (
        <p className="govuk-body">This project has no work packages yet.</p>
      ) : (
        <TableScroll label="Work packages in plan order">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Work packages in plan order</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Work package</th>
                <th scope="col" className="govuk-table__header">Lead officer</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Stages</th>
                <th scope="col" className="govuk-table__header">Feeds into</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {workPackages.map((wp) => (
                <tr className="govuk-table__row" key={wp.id}>
                  <td className="govuk-table__cell">{wp.ref}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${wp.id}`}>
                      {wp.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{wp.leadName ?? "No lead yet"}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{wp.stageCount}</td>
                  <td className="govuk-table__cell">{wp.feedsInto.length ? wp.feedsInto.map((f) => f.ref).join(", ") : "None"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
