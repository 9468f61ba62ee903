import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextArea, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { LINE_KIND_LABELS } from "~/modules/benefit/business-case";
import { caseFigures, getDraft, saveDraft } from "~/modules/benefit/business-case.server";
import { gridText } from "~/modules/benefit/case-grid";
import { caseDraftSchema } from "~/modules/benefit/forms";
import { benefitPlace } from "~/modules/benefit/route.server";
import { listOrganisations } from "~/modules/people/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { notFound } from "~/utils/errors";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Edit the business case", matches) }];

const KINDS = ["one_off", "current_cost", "future_cost", "saving", "income"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await benefitPlace(request, params, "manage");
  const draft = getDraft(project.id);
  if (!draft) notFound("There is no draft version to edit: start a new version first");
  const { lines } = caseFigures(draft);
  const orgs = listOrganisations();
  const split = (JSON.parse(draft.partnerSplit) as Array<{ organisationId: number; share: number }>)
    .map((s) => `${orgs.find((o) => o.id === s.organisationId)?.code ?? "?"} ${s.share}`)
    .join(", ");
  return json({
    draft: { version: draft.version, summary: draft.summary, contingency: draft.contingency, discountRate: draft.discountRate, split },
    grids: Object.fromEntries(KINDS.map((k) => [k, gridText(lines, k)])) as Record<(typeof KINDS)[number], string>,
    codes: orgs.map((o) => o.code).join(", "),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, actor } = await benefitPlace(request, params, "manage");
  const parsed = parseForm(await request.formData(), caseDraftSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => saveDraft({ actor, projectId: project.id, input: parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/business-case`);
}

export default function EditBusinessCase() {
  const { draft, grids, codes } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={project.name}>Edit draft version {draft.version} of the business case</PageTitle>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name="version" value={draft.version} />
          <TextArea name="summary" label="Summary (optional)" rows={3} state={state} defaultValue={draft.summary} />
          <p className="govuk-body">
            Enter each table as comma-separated rows: the first row is “Category” followed by financial years (like 2011/12), then one row per
            category with its amounts in pounds. Leave a cell empty for nothing. You can paste from a spreadsheet saved as CSV.
          </p>
          {KINDS.map((k) => (
            <TextArea
              key={k}
              name={k}
              label={`${LINE_KIND_LABELS[k]} (optional)`}
              hint={
                k === "one_off"
                  ? "For example: Category,2010/11,2011/12 then Redundancy provision,250000,"
                  : k === "saving" || k === "income"
                    ? "When savings or income are listed, they are the net saving each year; otherwise current costs less future costs are."
                    : undefined
              }
              rows={6}
              state={state}
              defaultValue={grids[k]}
            />
          ))}
          <TextInput name="contingency" label="Contingency (£, optional)" hint="Shown beside the one-off costs; not counted in the payback." width={10} state={state} defaultValue={draft.contingency} />
          <TextInput name="discountRate" label="Discount rate for net present value (% a year, optional)" width={5} state={state} defaultValue={draft.discountRate} />
          <TextInput name="split" label="Split between partners (optional)" hint={`Organisation codes and percentages adding up to 100, for example “SDC 50, DBC 50”. Codes: ${codes}.`} state={state} defaultValue={draft.split} />
          <SubmitButton>Save draft</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
