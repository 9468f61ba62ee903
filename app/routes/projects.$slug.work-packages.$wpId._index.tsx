import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, SummaryList, formatDate } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { listStages } from "~/modules/structure/stage.server";
import { listWorkPackages } from "~/modules/structure/work-package.server";
import { notFound } from "~/utils/errors";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `${data.workPackage.ref}: ${data.workPackage.name}` : "Work package", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  const workPackageId = Number(params.wpId);
  const workPackage = listWorkPackages({ projectId: project.id }).find((w) => w.id === workPackageId);
  if (!workPackage) notFound("Work package not found");
  return json({ workPackage, stages: listStages({ projectId: project.id, workPackageId }) });
}

function stageDates(s: { plannedStart: string | null; plannedEnd: string | null; datesNote: string }) {
  if (!s.plannedStart && !s.plannedEnd) return s.datesNote || "Not set";
  const range = `${formatDate(s.plannedStart, "?")} to ${formatDate(s.plannedEnd, "?")}`;
  return s.datesNote ? `${range} (${s.datesNote})` : range;
}

export default function WorkPackageDetail() {
  const { workPackage: wp, stages } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/work-packages`;
  const links = (items: Array<{ id: number; ref: string }>) =>
    items.length
      ? items.map((f, i) => (
          <span key={f.id}>
            {i ? ", " : ""}
            <Link className="govuk-link" to={`${base}/${f.id}`}>
              {f.ref}
            </Link>
          </span>
        ))
      : "None";
  return (
    <>
      <PageTitle caption={`${project.name}: work package ${wp.ref}`}>{wp.name}</PageTitle>
      {canManage ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/${wp.id}/edit`}>
            Edit work package<span className="govuk-visually-hidden"> {wp.ref}</span>
          </Link>
        </p>
      ) : null}
      <SummaryList
        rows={[
          { key: "Reference", value: wp.ref },
          { key: "Lead officer", value: wp.leadName ?? "No lead yet" },
          { key: "Description", value: wp.description || "None" },
          { key: "Order", value: wp.position },
          { key: "Feeds into", value: links(wp.feedsInto) },
          { key: "Fed by", value: links(wp.fedBy) },
        ]}
      />
      <h2 className="govuk-heading-m">Stages</h2>
      {canManage ? (
        <Link className="govuk-button govuk-button--secondary" to={`${base}/${wp.id}/stages/new`}>
          Add a stage<span className="govuk-visually-hidden"> to {wp.ref}</span>
        </Link>
      ) : null}
      {stages.length === 0 ? (
        <p className="govuk-body">No stages yet.</p>
      ) : (
        <TableScroll label={`Stages of ${wp.ref}`}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Stages of {wp.ref}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Order</th>
                <th scope="col" className="govuk-table__header">Stage</th>
                <th scope="col" className="govuk-table__header">Planned dates</th>
                {canManage ? (
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {stages.map((s) => (
                <tr className="govuk-table__row" key={s.id}>
                  <td className="govuk-table__cell">{s.position}</td>
                  <td className="govuk-table__cell">{s.name}</td>
                  <td className="govuk-table__cell">{stageDates(s)}</td>
                  {canManage ? (
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" to={`${base}/${wp.id}/stages/${s.id}/edit`}>
                        Edit<span className="govuk-visually-hidden"> stage {s.name}</span>
                      </Link>
                    </td>
                  ) : null}
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
