import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { ActionPlanTable } from "~/components/action-plan-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner } from "~/components/flag-tags";
import { ErrorSummary, Select, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { FLAG_KINDS, FLAG_NAMES, readAsOf, readPlanQuery, STATUS_NAMES } from "~/modules/action/plan-view";
import { todayInLondon } from "~/modules/action/rules";
import { loadActionPlan } from "~/modules/action/views.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Action plan: ${data?.projectName ?? "project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  const search = new URL(request.url).searchParams;
  const today = todayInLondon();
  const asOf = readAsOf(search, today);
  const query = readPlanQuery(search);
  const plan = loadActionPlan({ projectId: project.id, asOf: asOf.asOf, query });
  return json({ projectName: project.name, today, asOf, query, plan });
}

export default function ActionPlan() {
  const { asOf, query, plan } = useLoaderData<typeof loader>();
  const { project, canManage } = useProject();
  const { search } = useLocation();
  const base = `/projects/${project.slug}`;
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  const state = { errors, values: { asOf: asOf.raw } };
  const filtered = plan.shownCount !== plan.totalCount;
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle caption={project.name}>Action plan</PageTitle>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref={withoutAsOf(search)} label="Flags are shown" />
      {canManage ? (
        <Link className="govuk-button" to={`${base}/actions/new`}>
          Add an action
        </Link>
      ) : null}

      <section aria-labelledby="filter-heading" className="waymark-filter govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-s" id="filter-heading">
          Filter the plan
        </h2>
        <Form method="get" key={search}>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select
                name="owner"
                label="Owner"
                defaultValue={query.owner}
                emptyLabel="Anyone"
                options={plan.choices.owners.map((o) => ({ value: o.key, label: o.kind === "team" ? `${o.name} (team)` : o.name }))}
              />
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
                options={plan.choices.recommendations.map((r) => ({ value: String(r.id), label: `${r.ref} ${r.title}` }))}
              />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select
                name="workPackage"
                label="Work package"
                defaultValue={query.workPackage}
                emptyLabel="All work packages"
                options={[
                  ...plan.choices.workPackages.map((w) => ({ value: String(w.id), label: `${w.ref} ${w.name}` })),
                  ...(plan.choices.hasUnpackaged ? [{ value: "none", label: "Other actions (no work package)" }] : []),
                ]}
              />
              <TextInput
                name="asOf"
                type="date"
                width={10}
                label="View as of"
                hint="Flags as they stand on this date. Leave empty for today."
                state={state}
              />
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
            <Link className="govuk-link" to={base + "/actions"}>
              Clear filters
            </Link>
          </div>
        </Form>
        <DownloadLinks href={`${base}/actions`} search={search} what={filtered ? "these actions" : "the action plan"} />
      </section>

      <p className="govuk-body" role="status">
        {filtered
          ? `Showing ${plan.shownCount} of ${plan.totalCount} actions`
          : `${plan.totalCount} ${plan.totalCount === 1 ? "action" : "actions"}`}
      </p>

      {plan.totalCount === 0 ? <p className="govuk-body">This project has no actions yet.</p> : null}
      {plan.totalCount > 0 && plan.shownCount === 0 ? <p className="govuk-body">No actions match these filters.</p> : null}

      {plan.groups.map((g) => {
        const heading = g.workPackage ? `${g.workPackage.ref} ${g.workPackage.name}` : "Other actions";
        return (
          <section key={g.key} aria-labelledby={`group-${g.key}`} className="govuk-!-margin-bottom-8">
            <h2 className="govuk-heading-m" id={`group-${g.key}`}>
              {heading}
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
                base={base}
                search={search}
                sort={query.sort}
                dir={query.dir}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

function withoutAsOf(search: string) {
  const params = new URLSearchParams(search);
  params.delete("asOf");
  const s = params.toString();
  return s ? `?${s}` : "?";
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
