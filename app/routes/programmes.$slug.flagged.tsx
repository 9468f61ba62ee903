import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner } from "~/components/flag-tags";
import { DateInput, ErrorSummary } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { readPage } from "~/modules/action/paging";
import { FLAG_KINDS, FLAG_NAMES, readAsOf, withParams, type FlagKind } from "~/modules/action/plan-view";
import { FlaggedTable } from "~/modules/action/attention-ui";
import { todayInLondon } from "~/modules/action/rules";
import { loadProgrammeFlagged } from "~/modules/action/views.server";
import { requireProgrammeAccess, visibleProjects } from "~/modules/auth/access.server";
import { loadFlaggedRisks } from "~/modules/risk/flagged.server";
import { loadFlaggedBenefits } from "~/modules/benefit/flagged.server";
import { BenefitAttention } from "~/modules/benefit/ui";
import { overdueReports } from "~/modules/report/cycle.server";
import { BandTag, FlagTags as RiskFlagTags } from "~/modules/risk/ui";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";
import { unchangedPage } from "~/utils/page-cache.server";

export { headers } from "~/utils/etag.server";

// Hundreds of rows, links and GET forms: sent as plain HTML, without scripts, so the rows are not
// sent a second time as hydration data (root.tsx reads this handle; decision 0009).
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`What needs attention: ${data?.programme.name ?? "programme"}`, matches) }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug);
  const search = new URL(request.url).searchParams;
  const asOf = readAsOf(search, todayInLondon());
  const { headers, unchanged } = unchangedPage(request, context, { viewer: user.id, asOf: asOf.asOf });
  if (unchanged) return unchanged;
  const flag = (FLAG_KINDS as readonly string[]).includes(search.get("flag") ?? "") ? (search.get("flag") as FlagKind) : null;
  const flagged = loadProgrammeFlagged({ user, programmeId: programme.id, asOf: asOf.asOf, flag, page: readPage(search) });
  const risks = loadFlaggedRisks({ user, programme, asOf: asOf.asOf });
  const benefits = loadFlaggedBenefits({ user, programmeId: programme.id, asOf: asOf.asOf });
  const projects = visibleProjects(user, programme.id);
  const bySlug = new Map(projects.map((p) => [p.id, p]));
  const reports = overdueReports({ projectIds: projects.map((p) => p.id), today: asOf.asOf }).map((o) => {
    const p = bySlug.get(o.projectId)!;
    return { project: p.name, href: `/projects/${p.slug}/reports`, text: o.text };
  });
  return json({ programme: { slug: programme.slug, name: programme.name }, asOf, flagged, risks, benefits, reports }, { status: asOf.error ? 400 : 200, headers });
}

export default function ProgrammeFlagged() {
  const { programme, asOf, flagged, risks, benefits, reports } = useLoaderData<typeof loader>();
  const benefitCount = benefits.benefits.length + benefits.costs.length;
  const { search } = useLocation();
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  const params = new URLSearchParams(search);
  const kinds = FLAG_KINDS.filter((k) => flagged.counts[k] > 0);
  const heading = flagged.flag ? `${FLAG_NAMES[flagged.flag]} (${flagged.shownCount})` : `Flagged actions and milestones (${flagged.flaggedCount})`;
  const { paging } = flagged;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: `/programmes/${programme.slug}`, label: programme.name },
        ]}
      />
      <ErrorSummary errors={errors} />
      <PageTitle caption={programme.name}>What needs attention</PageTitle>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref={`/programmes/${programme.slug}/flagged`} label="Flags are shown" />
      <p className="govuk-body">
        Everything flagged in the {flagged.projectCount} {flagged.projectCount === 1 ? "project" : "projects"} of this programme you can
        see. Each item is listed once, with all its flags; choose a flag to list only the items that carry it.
      </p>
      {flagged.flaggedCount === 0 ? <p className="govuk-body">No action or milestone is flagged.</p> : null}
      {kinds.length > 0 || risks.length > 0 || benefitCount > 0 || reports.length > 0 ? (
        <nav aria-label="Flags">
          <ul className="govuk-list">
            {kinds.length > 0 ? (
              <li>
                <a className="govuk-link" href={`${withParams(params, { flag: null, page: null })}#flagged-items`} aria-current={flagged.flag ? undefined : "true"}>
                  All flagged items ({flagged.flaggedCount})
                </a>
              </li>
            ) : null}
            {kinds.map((k) => (
              <li key={k}>
                <a className="govuk-link" href={`${withParams(params, { flag: k, page: null })}#flagged-items`} aria-current={flagged.flag === k ? "true" : undefined}>
                  {FLAG_NAMES[k]} ({flagged.counts[k]})
                </a>
              </li>
            ))}
            {risks.length > 0 ? (
              <li>
                <a className="govuk-link" href="#risks-needing-attention">
                  Risks needing attention ({risks.length})
                </a>
              </li>
            ) : null}
            {benefitCount > 0 ? (
              <li>
                <a className="govuk-link" href="#benefits-needing-attention">
                  Benefits needing attention ({benefitCount})
                </a>
              </li>
            ) : null}
            {reports.length > 0 ? (
              <li>
                <a className="govuk-link" href="#reports-overdue">
                  Reports overdue ({reports.length})
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      {flagged.flaggedCount > 0 ? (
        // Not a named region itself: the table's scroll box inside is one, with the same name (landmark-unique).
        <section className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="flagged-items">
            {heading}
          </h2>
          {paging.pageCount > 1 ? (
            <p className="govuk-body" id="flagged-count">
              Showing {paging.from.toLocaleString("en-GB")} to {paging.to.toLocaleString("en-GB")} of {paging.total.toLocaleString("en-GB")}, in project and reference order.
            </p>
          ) : null}
          <FlaggedTable items={flagged.items} caption={paging.pageCount > 1 ? `${heading}: ${paging.from} to ${paging.to}` : heading} />
          <Pagination search={params.toString()} page={paging.page} pageCount={paging.pageCount} label="Pages of flagged items" />
        </section>
      ) : null}
      <section aria-labelledby="risks-needing-attention" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-m" id="risks-needing-attention">
          Risks needing attention ({risks.length})
        </h2>
        {risks.length === 0 ? (
          <p className="govuk-body">No open risk is flagged.</p>
        ) : (
          <TableScroll label="Risks needing attention">
            <table className="govuk-table govuk-!-font-size-16">
              <caption className="govuk-table__caption govuk-visually-hidden">Risks needing attention</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  {["Risk", "Project", "Band", "Flags"].map((h) => (
                    <th scope="col" className="govuk-table__header" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {risks.map((r) => (
                  <tr className="govuk-table__row" key={r.id}>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" to={r.href}>
                        {r.ref} {r.title}
                      </Link>
                    </td>
                    <td className="govuk-table__cell">{r.register}</td>
                    <td className="govuk-table__cell">
                      <BandTag band={r.band} />
                    </td>
                    <td className="govuk-table__cell">
                      <RiskFlagTags flags={r.flags} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <BenefitAttention benefits={benefits.benefits} costs={benefits.costs} showProject />
      {reports.length > 0 ? (
        <section aria-labelledby="reports-overdue" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="reports-overdue">
            Reports overdue ({reports.length})
          </h2>
          <ul className="govuk-list govuk-list--bullet">
            {reports.map((r) => (
              <li key={r.href}>
                <Link className="govuk-link" to={r.href}>
                  {r.project}
                </Link>
                : {r.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" key={search}>
        {/* Another date keeps the chosen flag (and starts at its first page). */}
        {flagged.flag ? <input type="hidden" name="flag" value={flagged.flag} /> : null}
        <DateInput
          name="asOf"
          label="View as of another date"
          hint="Flags as they would stand on this date. Leave empty for today."
          state={{ errors, values: { asOf: asOf.raw } }}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
