import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner, FlagTags } from "~/components/flag-tags";
import { DateInput, ErrorSummary } from "~/components/forms";
import { PageTitle, Tag, formatDate } from "~/components/layout";
import { todayInLondon } from "~/modules/action/rules";
import { readAsOf } from "~/modules/action/plan-view";
import { requireProjectAccess, viewerFor } from "~/modules/auth/access.server";
import { milestonesWithFlags } from "~/modules/structure/milestone.server";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Milestones", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug);
  const asOf = readAsOf(new URL(request.url).searchParams, todayInLondon());
  const milestones = milestonesWithFlags({ viewer: viewerFor(user), projectId: project.id, asOf: asOf.asOf });
  return json({ asOf, milestones }, { status: asOf.error ? 400 : 200 });
}

export default function Milestones() {
  const { asOf, milestones } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const { pathname, search } = useLocation();
  const base = `/projects/${project.slug}/milestones`;
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle caption={project.name}>Milestones</PageTitle>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref={pathname} label="Milestone flags are shown" />
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Add a milestone
        </Link>
      ) : null}
      {milestones.length > 0 ? <DownloadLinks href={base} search={search} what="the milestones" /> : null}
      {milestones.length === 0 ? (
        <p className="govuk-body">This project has no milestones yet.</p>
      ) : (
        <TableScroll label="Milestones by target date">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Milestones by target date</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Milestone</th>
                <th scope="col" className="govuk-table__header">Target</th>
                <th scope="col" className="govuk-table__header">Baseline</th>
                <th scope="col" className="govuk-table__header">Slippage</th>
                <th scope="col" className="govuk-table__header">Achieved</th>
                <th scope="col" className="govuk-table__header">Flags</th>
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
                  <td className="govuk-table__cell">{m.slip}</td>
                  <td className="govuk-table__cell">{m.achievedDate ? <Tag colour="green">Achieved {formatDate(m.achievedDate)}</Tag> : "Not yet"}</td>
                  <td className="govuk-table__cell">
                    <FlagTags flags={m.flags} none={<span className="govuk-body-s">None</span>} />
                  </td>
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
        </TableScroll>
      )}
      <Form method="get" action={pathname} className="govuk-!-margin-top-6">
        <DateInput
          name="asOf"
          label="View flags as of"
          hint="Flags as they stand on this date. Leave empty for today."
          state={{ errors, values: { asOf: asOf.raw } }}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show flags
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
