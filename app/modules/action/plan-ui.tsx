// The action plan page's parts, shared by the project's plan and the programme's: the filter form,
// the paged tables grouped by project, work package and stage, and the links between the paged
// view and the "all rows" view for printing.
import { Form, Link } from "@remix-run/react";
import { ActionPlanTable, InitialsKey } from "~/components/action-plan-table";
import { AsOfBanner } from "~/components/flag-tags";
import { DateInput, ErrorSummary, Select } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { FLAG_KINDS, FLAG_NAMES, STATUS_NAMES, type PlanQuery } from "./plan-view";
import type { Choice, PlanGroup } from "./plan.server";

export interface PlanPageData {
  title: string;
  caption: string;
  /** Where the plan lives: /projects/<slug>/actions or /programmes/<slug>/actions. */
  path: string;
  all: boolean;
  asOf: { asOf: string; isToday: boolean; error: string | null; raw: string };
  query: PlanQuery;
  /** Several projects: headings name the project. */
  several: boolean;
  plan: {
    groups: PlanGroup[];
    shownCount: number;
    totalCount: number;
    paging: { page: number; pageCount: number; from: number; to: number; pageSize: number } | null;
    choices: { owners: Choice[]; recommendations: Choice[]; workPackages: Choice[] };
  };
}

const withoutKeys = (search: string, keys: string[]) => {
  const params = new URLSearchParams(search);
  for (const k of keys) params.delete(k);
  const s = params.toString();
  return s ? `?${s}` : "?";
};

function PlanFilters({ data, search }: { data: PlanPageData; search: string }) {
  const { query, plan, asOf } = data;
  const state = { errors: asOf.error ? { asOf: asOf.error } : undefined, values: { asOf: asOf.raw } };
  return (
    <section aria-labelledby="filter-heading" className="waymark-filter govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-s" id="filter-heading">
        Filter the plan
      </h2>
      <Form method="get" action={data.path + (data.all ? "/all" : "")} key={search}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select name="owner" label="Owner" defaultValue={query.owner} emptyLabel="Anyone" options={plan.choices.owners} />
            <Select
              name="status"
              label="Status"
              defaultValue={query.status}
              emptyLabel="Any status"
              options={[
                { value: "open", label: "Open (not done or cancelled)" },
                ...Object.entries(STATUS_NAMES).map(([value, label]) => ({ value, label })),
              ]}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select
              name="flag"
              label="Flag"
              defaultValue={query.flag}
              emptyLabel="Flagged or not"
              options={[
                { value: "any", label: "Any flag" },
                ...FLAG_KINDS.filter((k) => k !== "missed" && k !== "at_risk").map((k) => ({ value: k, label: FLAG_NAMES[k] })),
              ]}
            />
            <Select
              name="recommendation"
              label="Recommendation"
              defaultValue={query.recommendation}
              emptyLabel="Any recommendation"
              options={plan.choices.recommendations}
            />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select name="workPackage" label="Work package" defaultValue={query.workPackage} emptyLabel="All work packages" options={plan.choices.workPackages} />
            <DateInput name="asOf" label="View as of" hint="Leave empty for today." state={state} />
          </div>
        </div>
        {query.sort !== "ref" || query.dir !== "asc" ? (
          <>
            <input type="hidden" name="sort" value={query.sort} />
            <input type="hidden" name="dir" value={query.dir} />
          </>
        ) : null}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary">
            Apply filters
          </button>
          <Link className="govuk-link" to={data.path + (data.all ? "/all" : "")}>
            Clear filters
          </Link>
        </div>
      </Form>
    </section>
  );
}

const count = (n: number) => n.toLocaleString("en-GB");

function countLine({ plan }: PlanPageData) {
  const { paging } = plan;
  const shownCount = count(plan.shownCount);
  const totalCount = count(plan.totalCount);
  const of = shownCount !== totalCount ? `${shownCount} matching actions (of ${totalCount})` : `${totalCount} ${plan.totalCount === 1 ? "action" : "actions"}`;
  if (paging && paging.pageCount > 1) return `Showing ${count(paging.from)} to ${count(paging.to)} of ${of}`;
  return shownCount !== totalCount ? `Showing ${shownCount} of ${totalCount} actions` : of;
}

/** The whole plan page below its navigation: title, filters, count, tables, paging. */
export function PlanPage({
  data,
  search,
  emptyText,
  actions,
  downloads,
}: {
  data: PlanPageData;
  search: string;
  emptyText: string;
  actions?: React.ReactNode;
  /** Links to the same rows as files (app/modules/sheet/download-links.tsx). */
  downloads?: React.ReactNode;
}) {
  const { plan, asOf, query } = data;
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  const paged = plan.paging;
  const listSearch = withoutKeys(search, ["page"]);
  const heading = (g: PlanGroup) => {
    const name = g.workPackage ? `${g.workPackage.ref} ${g.workPackage.name}` : "Other actions";
    const full = data.several ? `${g.project.name}: ${name}` : name;
    return g.continued ? `${full} (continued)` : full;
  };
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle caption={data.caption}>{data.title}</PageTitle>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref={withoutKeys(search, ["asOf", "page"])} label="Flags are shown" />
      {actions}
      <PlanFilters data={data} search={search} />
      {downloads}

      <p className="govuk-body" role="status">
        {countLine(data)}
        {paged && paged.pageCount > 1 ? `, page ${paged.page} of ${paged.pageCount}` : null}
      </p>
      {plan.totalCount > 0 ? (
        <p className="govuk-body govuk-!-display-none-print">
          {data.all ? (
            <a className="govuk-link" href={`${data.path}${listSearch === "?" ? "" : listSearch}`}>
              Show the plan in pages of 100
            </a>
          ) : paged && paged.pageCount > 1 ? (
            <a className="govuk-link" href={`${data.path}/all${listSearch === "?" ? "" : listSearch}`}>
              Show all {count(plan.shownCount)} matching actions on one page, for printing
            </a>
          ) : null}
        </p>
      ) : null}

      {plan.totalCount === 0 ? <p className="govuk-body">{emptyText}</p> : null}
      {plan.totalCount > 0 && plan.shownCount === 0 ? <p className="govuk-body">No actions match these filters.</p> : null}

      <InitialsKey rows={plan.groups.flatMap((g) => g.sections.flatMap((s) => s.rows))} />
      {plan.groups.map((g) => (
        <section key={g.key} aria-labelledby={`group-${g.key}`} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id={`group-${g.key}`}>
            {heading(g)}
          </h2>
          {g.sections.map((s) => (
            <ActionPlanTable
              key={s.key}
              caption={
                s.stage
                  ? `Stage: ${s.stage.name}`
                  : g.workPackage
                  ? `${g.workPackage.ref}: not in a stage`
                  : "Actions outside any work package"
              }
              rows={s.rows}
              base={`/projects/${g.project.slug}`}
              search={listSearch}
              sort={query.sort}
              dir={query.dir}
            />
          ))}
        </section>
      ))}
      {paged ? <Pagination search={search} page={paged.page} pageCount={paged.pageCount} label="Pages of the action plan" /> : null}
    </>
  );
}
