import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, Radios, SubmitButton } from "~/components/forms";
import { BenefitDefinitionFields } from "~/modules/benefit/fields";
import { PageTitle } from "~/components/layout";
import { benefitSchema } from "~/modules/benefit/forms";
import { benefitPlace } from "~/modules/benefit/route.server";
import { UNIT_LABELS } from "~/modules/benefit/rules";
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
          <BenefitDefinitionFields
            state={state}
            people={people}
            unitField={<Radios name="unit" legend="Measured in" state={state} options={Object.entries(UNIT_LABELS).map(([value, label]) => ({ value, label }))} />}
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
