import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Select, SubmitButton, TextInput, type FormState } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { listOrganisations, peopleOptions } from "~/modules/people/service.server";
import { PROJECT_ROLE_LABELS, addRoleSchema } from "~/modules/structure/forms";
import { addNewPersonWithRole, addProjectRole } from "~/modules/structure/roles.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Add a person or role", matches) }];

const ROLE_OPTIONS = Object.entries(PROJECT_ROLE_LABELS).map(([value, label]) => ({ value, label }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  return json({
    project: { slug: project.slug, name: project.name },
    people: peopleOptions(),
    organisations: listOrganisations().map((o) => ({ value: o.id, label: `${o.name} (${o.code})` })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), addRoleSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(user, request);
  const data = parsed.data;
  const result = attempt(parsed.values, () =>
    data.intent === "existing"
      ? addProjectRole({ actor, projectId: project.id, personId: data.personId!, role: data.role })
      : addNewPersonWithRole({
          actor,
          projectId: project.id,
          name: data.name,
          email: data.email,
          initials: data.initials,
          organisationId: data.organisationId,
          role: data.newRole,
        }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/team`);
}

export default function AddRole() {
  const { project, people, organisations } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  // Errors belong to the form that was sent, so each form only shows its own.
  const sent = state?.values?.intent;
  const existing: FormState | undefined = sent === "existing" ? state : undefined;
  const created: FormState | undefined = sent === "new" ? state : undefined;
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Add a person or role</PageTitle>
      <h2 className="govuk-heading-m">Someone already in Waymark</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="existing" />
        <Select name="personId" label="Person" options={people} emptyLabel="Choose a person" state={existing} />
        <Radios name="role" legend="Role on this project" options={ROLE_OPTIONS} state={existing} />
        <SubmitButton>Add role</SubmitButton>
      </Form>
      <h2 className="govuk-heading-m">Someone new</h2>
      <p className="govuk-body">They are added by name only, without a sign-in. An administrator can give them one later.</p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="new" />
        <TextInput name="name" label="Full name" width={20} autoComplete="off" state={created} />
        <TextInput name="email" label="Email address (optional)" type="email" width={30} spellCheck={false} autoComplete="off" state={created} />
        <TextInput name="initials" label="Initials (optional)" hint="Action plans use initials, for example PS." width={4} state={created} />
        <Select name="organisationId" label="Organisation (optional)" options={organisations} emptyLabel="Not set" state={created} />
        <Radios name="newRole" legend="Role on this project" options={ROLE_OPTIONS} state={created} />
        <SubmitButton>Add person</SubmitButton>
      </Form>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/projects/${project.slug}/team`}>
          Back to people and roles
        </Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
