import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner, FlagTags } from "~/components/flag-tags";
import { ErrorSummary, TextInput } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { FLAG_NAMES, readAsOf, shortDate } from "~/modules/action/plan-view";
import { todayInLondon } from "~/modules/action/rules";
import { loadProgrammeFlagged } from "~/modules/action/views.server";
import { requireProgrammeAccess } from "~/modules/auth/access.server";
import { loadFlaggedRisks } from "~/modules/risk/flagged.server";
import { loadFlaggedBenefits } from "~/modules/benefit/flagged.server";
import { BenefitAttention } from "~/modules/benefit/ui";
import { BandTag, FlagTags as RiskFlagTags } from "~/modules/risk/ui";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`What needs attention: ${data?.programme.name ?? "programme"}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug);
  const asOf = readAsOf(new URL(request.url).searchParams, todayInLondon());
  const flagged = loadProgrammeFlagged({ user, programmeId: programme.id, asOf: asOf.asOf });
  const risks = loadFlaggedRisks({ user, programme, asOf: asOf.asOf });
  const benefits = loadFlaggedBenefits({ user, programmeId: programme.id, asOf: asOf.asOf });
  return json({ programme: { slug: programme.slug, name: programme.name }, asOf, flagged, risks, benefits });
}

export default function ProgrammeFlagged() {
  const { programme, asOf, flagged, risks, benefits } = useLoaderData<typeof loader>();
  const benefitCount = benefits.benefits.length + benefits.costs.length;
  const { search } = useLocation();
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  const groups = flagged.groups.filter((g) => g.items.length > 0);
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
        see. An item with several flags is listed under each of them.
      </p>
      {groups.length === 0 ? <p className="govuk-body">No action or milestone is flagged.</p> : null}
      {groups.length > 0 || risks.length > 0 || benefitCount > 0 ? (
        <ul className="govuk-list">
          {groups.map((g) => (
            <li key={g.kind}>
              <a className="govuk-link" href={`#flag-${g.kind}`}>
                {FLAG_NAMES[g.kind]} ({g.items.length})
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
        </ul>
      ) : null}
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`flag-${g.kind}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`flag-${g.kind}`}>
            {FLAG_NAMES[g.kind]} ({g.items.length})
          </h2>
          <TableScroll label={FLAG_NAMES[g.kind]}>
            <table className="govuk-table govuk-!-font-size-16">
              <caption className="govuk-table__caption govuk-visually-hidden">{FLAG_NAMES[g.kind]}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Item
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Project
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Due or target
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Flag
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {g.items.map((item) => (
                  <tr className="govuk-table__row" key={`${item.kind}-${item.id}`}>
                    <td className="govuk-table__cell">
                      {item.kind === "action" ? (
                        <Link className="govuk-link" to={`/projects/${item.project.slug}/actions/${item.id}`}>
                          {item.ref} {item.label}
                        </Link>
                      ) : (
                        <>
                          <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Milestone</span>
                          <Link className="govuk-link" to={`/projects/${item.project.slug}/milestones`}>
                            {item.label}
                          </Link>
                        </>
                      )}
                    </td>
                    <td className="govuk-table__cell">{item.project.name}</td>
                    <td className="govuk-table__cell">{shortDate(item.date, "No date")}</td>
                    <td className="govuk-table__cell">
                      <FlagTags flags={[item.flag]} />
                      {["stale", "slipped", "unowned"].includes(item.flag.kind) ? (
                        <span className="govuk-body-s">{item.flag.text}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
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
      <Form method="get" key={search}>
        <TextInput
          name="asOf"
          type="date"
          width={10}
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
