import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle, SummaryList } from "~/components/layout";
import { actionFormOptions } from "~/modules/action/detail.server";
import { peopleOptions } from "~/modules/people/service.server";
import { previewAction, previewLoader } from "~/modules/sheet/import-route.server";
import { MappingForm, PreviewTable, ProblemTable } from "~/modules/sheet/import-ui";
import { teamsAvailableTo } from "~/modules/team/service.server";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Check the import", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const data = await previewLoader(request, params.slug, params.token);
  const owners = data.ok && data.view.preview?.unknownOwners.length
    ? [
        ...(data.upload.kind === "actions" ? actionFormOptions({ projectId: data.projectId }).people : peopleOptions()).map((p) => ({ value: `p:${p.value}`, label: p.label })),
        ...(data.upload.kind === "actions" ? teamsAvailableTo({ projectId: data.projectId }).map((t) => ({ value: `t:${t.id}`, label: `${t.name} (team)` })) : []),
      ]
    : [];
  return json({ ...data, owners });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return previewAction(request, params.slug, params.token);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default function CheckImport() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  const what = data.upload.kind === "risks" ? "risk register" : "action plan";
  const noun = data.upload.kind === "risks" ? "risk" : "action";
  if (!data.ok) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PageTitle caption={project.name}>Check the import</PageTitle>
          <p className="govuk-body">{data.message}</p>
          <Link className="govuk-link" to={data.base}>
            Upload another file
          </Link>
        </div>
      </div>
    );
  }
  const { view } = data;
  const p = view.preview;
  const errors = p ? p.rows.flatMap((r) => r.errors) : [];
  const changing = p ? p.counts.create + p.counts.update : 0;
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={`${project.name}: ${what}`}>Check the import</PageTitle>
      <SummaryList
        rows={[
          { key: "File", value: data.upload.fileName },
          { key: "Sheet", value: view.sheet },
          ...(p
            ? [
                { key: "New", value: plural(p.counts.create, noun) },
                { key: "Updated", value: plural(p.counts.update, noun) },
                { key: "Unchanged", value: plural(p.counts.unchanged, noun) },
                { key: "With problems", value: plural(p.counts.error, "row") },
              ]
            : []),
        ]}
      />
      {!view.layout ? (
        <div className="govuk-inset-text">No row with column headings was found in this sheet. Enter the number of the row that has them.</div>
      ) : view.missing.length ? (
        <div className="govuk-inset-text">Choose a column for: {view.missing.map((f) => f.label).join(", ")}.</div>
      ) : null}
      {p ? (
        <>
          <ProblemTable errors={errors} />
          {p.rows.length ? <PreviewTable rows={p.rows} what={what} /> : <p className="govuk-body">Every row is unchanged: there is nothing to import.</p>}
          {view.hiddenRows ? <p className="govuk-body">{plural(view.hiddenRows, "more row")} to create or update are not listed here.</p> : null}
          {p.missing.length ? (
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  {plural(p.missing.length, noun)} in Waymark but not in the sheet (kept, not deleted)
                </span>
              </summary>
              <div className="govuk-details__text">
                <ul className="govuk-list">
                  {p.missing.map((m) => (
                    <li key={m.ref}>
                      {m.ref} {m.title}
                    </li>
                  ))}
                </ul>
              </div>
            </details>
          ) : null}
          {p.counts.error ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Nothing can be imported while {plural(p.counts.error, "row has", "rows have")} problems. Fix them in the spreadsheet and upload it again, or change the columns below.
              </strong>
            </div>
          ) : changing ? (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="fingerprint" value={view.fingerprint} />
              <div className="govuk-button-group">
                <SubmitButton>Import {plural(changing, noun)}</SubmitButton>
                <Link className="govuk-link" to={data.base}>
                  Cancel
                </Link>
              </div>
            </Form>
          ) : null}
        </>
      ) : null}
      <MappingForm
        sheets={view.sheets}
        sheet={view.sheet}
        headerRow={view.layout ? view.layout.headerRow + 1 : null}
        headers={view.layout?.headers ?? []}
        mapping={view.layout?.mapping ?? []}
        fields={view.fields}
        unknownOwners={p?.unknownOwners ?? []}
        owners={data.owners}
        state={state}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
