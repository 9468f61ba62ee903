import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagSummary } from "~/components/flag-summary";
import { FlagTags } from "~/components/flag-tags";
import { PageTitle, SummaryList, Tag, formatDate } from "~/components/layout";
import { readAsOf } from "~/modules/action/plan-view";
import { todayInLondon } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { loadFlagCounts } from "~/modules/action/views.server";
import { requireProjectAccess, viewerFor } from "~/modules/auth/access.server";
import { projectBenefitAttention } from "~/modules/benefit/flagged.server";
import { BenefitAttention } from "~/modules/benefit/ui";
import { PROJECT_STATUS_LABELS } from "~/modules/structure/forms";
import { milestonesWithFlags } from "~/modules/structure/milestone.server";
import { projectManagerName } from "~/modules/structure/project.server";
import { listWorkPackages } from "~/modules/structure/work-package.server";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`${data?.name ?? "Project"}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug);
  const asOf = readAsOf(new URL(request.url).searchParams, todayInLondon()).asOf;
  const flags = flagsForProjects({ projectIds: [project.id], asOf });
  return json({
    name: project.name,
    managerName: projectManagerName({ projectId: project.id }),
    workPackages: listWorkPackages({ projectId: project.id }),
    milestones: milestonesWithFlags({ viewer: viewerFor(user), projectId: project.id, asOf, flags }),
    flagCounts: loadFlagCounts({ projectId: project.id, asOf, flags }),
    benefitAttention: projectBenefitAttention({ project, asOf }),
  });
}

const orNone = (v: number | null | undefined, unit: string) => (v == null ? "Not set" : `${v} ${unit}`);

export default function ProjectOverview() {
  const { managerName, workPackages, milestones, flagCounts, benefitAttention } = useLoaderData<typeof loader>();
  const { project, programme, canManage } = useProject();
  const base = `/projects/${project.slug}`;
  return (
    <>
      <PageTitle caption={programme?.name ?? "Project"}>{project.name}</PageTitle>
      {canManage ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/edit`}>
            Edit project details
          </Link>
        </p>
      ) : null}
      <SummaryList
        rows={[
          { key: "Status", value: <Tag colour={project.status === "active" ? "blue" : project.status === "on_hold" ? "yellow" : "grey"}>{PROJECT_STATUS_LABELS[project.status]}</Tag> },
          { key: "Purpose", value: project.purpose || "Not set" },
          { key: "Programme", value: programme ? <Link className="govuk-link" to={`/programmes/${programme.slug}`}>{programme.name}</Link> : "Not part of a programme" },
          { key: "Project manager", value: managerName ?? "Not set" },
          { key: "Start date", value: formatDate(project.startDate) },
          { key: "End date", value: formatDate(project.endDate) },
          { key: "Time tolerance", value: orNone(project.timeToleranceDays, "days") },
          { key: "Cost tolerance", value: project.costTolerancePercent == null ? "Not set" : `${project.costTolerancePercent}%` },
          { key: "Due-soon window", value: `${project.dueSoonDays} days` },
          { key: "Stale after", value: `${project.staleDays} days without a progress note` },
        ]}
      />

      <FlagSummary counts={flagCounts} base={base} />

      <BenefitAttention benefits={benefitAttention.benefits} costs={benefitAttention.cost ? [benefitAttention.cost] : []} showProject={false} />

      <h2 className="govuk-heading-m">Work packages</h2>
      {workPackages.length === 0 ? (
        <p className="govuk-body">No work packages yet.</p>
      ) : (
        <TableScroll label="Work packages">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Work packages</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Reference</th>
                <th scope="col" className="govuk-table__header">Work package</th>
                <th scope="col" className="govuk-table__header">Lead officer</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {workPackages.map((wp) => (
                <tr className="govuk-table__row" key={wp.id}>
                  <td className="govuk-table__cell">{wp.ref}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/work-packages/${wp.id}`}>
                      {wp.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{wp.leadName ?? "No lead yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      <h2 className="govuk-heading-m">Key milestones</h2>
      {milestones.length === 0 ? (
        <p className="govuk-body">No milestones yet.</p>
      ) : (
        <TableScroll label="Key milestones">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Key milestones</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Milestone</th>
                <th scope="col" className="govuk-table__header">Target</th>
                <th scope="col" className="govuk-table__header">Baseline</th>
                <th scope="col" className="govuk-table__header">Achieved</th>
                <th scope="col" className="govuk-table__header">Flags</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {milestones.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <td className="govuk-table__cell">{m.name}</td>
                  <td className="govuk-table__cell">
                    {formatDate(m.targetDate)}
                    {m.slip ? <span className="govuk-body-s govuk-!-display-block">{m.slip}</span> : null}
                  </td>
                  <td className="govuk-table__cell">{formatDate(m.baselineDate)}</td>
                  <td className="govuk-table__cell">{m.achievedDate ? formatDate(m.achievedDate) : "Not yet"}</td>
                  <td className="govuk-table__cell">
                    <FlagTags flags={m.flags} none={<span className="govuk-body-s">None</span>} />
                  </td>
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
