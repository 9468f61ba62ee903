import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { teamCreateSchema } from "~/modules/team/forms";
import { createTeam } from "~/modules/team/service.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Add a team – ${data?.project.name ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  return json({ project: { slug: project.slug, name: project.name }, people: peopleOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), teamCreateSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createTeam({ actor: actorFor(user, request), scope: { projectId: project.id }, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/teams/${result.result.id}`);
}

export default function NewTeam() {
  const { project, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Add a team</PageTitle>
      <Form method="post" noValidate>
        <TextInput name="name" label="Name" hint="For example, CSIP project team" state={state} />
        <Checkboxes name="memberIds" legend="Members" hint="Select all that apply. You can change them later." options={people} state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Add team</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/teams`}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
