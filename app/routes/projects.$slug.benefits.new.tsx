import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, Radios, Select, SubmitButton, TextArea, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { benefitSchema } from "~/modules/benefit/forms";
import { benefitPlace } from "~/modules/benefit/route.server";
import { FREQUENCY_LABELS, UNIT_LABELS } from "~/modules/benefit/rules";
import { createBenefit } from "~/modules/benefit/service.server";
import { listOrganisations, peopleOptions } from "~/modules/people/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Add a benefit", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await benefitPlace(request, params, "manage");
  return json({ people: peopleOptions(), organisations: listOrganisations().map((o) => ({ value: o.id, label: `${o.name} (${o.code})` })) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { project, actor, base } = await benefitPlace(request, params, "manage");
  const parsed = parseForm(await request.formData(), benefitSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createBenefit({ actor, projectId: project.id, input: parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${base}/${result.result.id}`);
}

export default function NewBenefit() {
  const { people, organisations } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <PageTitle caption={project.name}>Add a benefit</PageTitle>
        <Form method="post" noValidate>
          <TextInput name="name" label="Name" hint="For example, Council tax collected in year" state={state} />
          <TextArea name="description" label="Description (optional)" state={state} rows={3} />
          <Radios name="unit" legend="Measured in" state={state} options={Object.entries(UNIT_LABELS).map(([value, label]) => ({ value, label }))} />
          <Radios
            name="direction"
            legend="Which is better?"
            state={state}
            options={[
              { value: "higher", label: "Higher is better", hint: "For example, collection rates" },
              { value: "lower", label: "Lower is better", hint: "For example, days to process a claim" },
            ]}
          />
          <Radios name="frequency" legend="How often is it measured?" state={state} defaultValue="quarterly" options={Object.entries(FREQUENCY_LABELS).map(([value, label]) => ({ value, label }))} />
          <Select name="ownerPersonId" label="Owner (optional)" state={state} options={people} emptyLabel="No owner yet" />
          <TextInput name="source" label="Source of the figures (optional)" hint="For example, the revenues system's monthly report" state={state} />
          <TextInput
            name="tolerance"
            label="Tolerance (optional)"
            hint="How far, in the benefit's unit, an actual may miss its target before it is flagged off target. For example, 0.5"
            width={5}
            inputMode="text"
            state={state}
          />
          <Checkboxes
            name="series"
            legend="Who reports it?"
            hint="Choose each council that reports its own figure, and the whole project if there is a joint figure. None chosen: the whole project."
            state={state}
            options={[...organisations, { value: "joint", label: "The whole project (joint)" }]}
          />
          <SubmitButton>Add benefit</SubmitButton>
        </Form>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
