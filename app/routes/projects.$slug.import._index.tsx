import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, fieldId, Radios, SubmitButton } from "~/components/forms";
import { NotificationBanner, PageTitle } from "~/components/layout";
import { importPlace, sizeLimitText, uploadAction } from "~/modules/sheet/import-route.server";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Import a spreadsheet", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await importPlace(request, params.slug);
  const url = new URL(request.url);
  const done = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(url.searchParams.get("done") ?? "");
  const kind = url.searchParams.get("kind") === "risks" ? "risks" : "actions";
  return json({ limit: sizeLimitText(), kind, done: done ? { created: +done[1], updated: +done[2], unchanged: +done[3], notes: +done[4] } : null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return uploadAction(request, params.slug);
}

export default function ImportSpreadsheet() {
  const { limit, kind, done } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  const register = kind === "risks" ? "risk register" : "action plan";
  const fileError = state?.errors?.file;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done ? (
          <NotificationBanner title="Imported">
            <p className="govuk-notification-banner__heading">
              {done.created} created, {done.updated} updated, {done.unchanged} unchanged{kind === "actions" ? `, ${done.notes} progress notes added` : ""}.
            </p>
            <p className="govuk-body">
              <Link className="govuk-notification-banner__link" to={`/projects/${project.slug}/${kind}`}>
                Go to the {register}
              </Link>
            </p>
          </NotificationBanner>
        ) : null}
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={project.name}>Import a spreadsheet</PageTitle>
        <p className="govuk-body">
          Upload the action plan or risk register you keep in Excel. You will see what Waymark makes of every row before anything is saved. Import the
          same sheet again later and only what changed is applied; nothing is deleted.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <Radios
            name="kind"
            legend="What does the spreadsheet hold?"
            state={state}
            defaultValue={kind}
            options={[
              { value: "actions", label: "An action plan" },
              { value: "risks", label: "A risk register" },
            ]}
          />
          <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={fieldId("file")}>
              Spreadsheet file
            </label>
            <div id={`${fieldId("file")}-hint`} className="govuk-hint">
              An Excel workbook (.xlsx) or a CSV file, up to {limit}
            </div>
            {fileError ? (
              <p id={`${fieldId("file")}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {fileError}
              </p>
            ) : null}
            <input
              className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
              id={fieldId("file")}
              name="file"
              type="file"
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`${fieldId("file")}-hint${fileError ? ` ${fieldId("file")}-error` : ""}`}
              aria-invalid={fileError ? true : undefined}
            />
          </div>
          <div className="govuk-button-group">
            <SubmitButton>Upload and preview</SubmitButton>
            <Link className="govuk-link" to={`/projects/${project.slug}/actions`}>
              Cancel
            </Link>
          </div>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
