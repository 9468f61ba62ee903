import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireProgrammeAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { projectSchema } from "~/modules/structure/forms";
import { ProjectFields } from "~/modules/structure/project-fields";
import { createProject } from "~/modules/structure/project.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Create a project", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgrammeAccess(request, params.slug, "manage");
  return json({ programme, people: peopleOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), projectSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () =>
    createProject({ actor: actorFor(user, request), ...parsed.data, programmeId: programme.id }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${result.result.slug}`);
}

export default function NewProjectInProgramme() {
  const { programme, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: `/programmes/${programme.slug}`, label: programme.name }]} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={programme.name}>Create a project</PageTitle>
      <Form method="post" noValidate>
        <ProjectFields state={state} people={people} />
        <SubmitButton>Create project</SubmitButton>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
