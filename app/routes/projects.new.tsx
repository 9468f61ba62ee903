import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { projectSchema } from "~/modules/structure/forms";
import { ProjectFields } from "~/modules/structure/project-fields";
import { createProject } from "~/modules/structure/project.server";
import { listProgrammes } from "~/modules/structure/programme.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Create a project – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({
    people: peopleOptions(),
    programmes: listProgrammes().map((p) => ({ value: p.id, label: p.name })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const parsed = parseForm(await request.formData(), projectSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createProject({ actor: actorFor(user, request), ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${result.result.slug}`);
}

export default function NewProject() {
  const { people, programmes } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }]} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle>Create a project</PageTitle>
      <Form method="post" noValidate>
        <ProjectFields state={state} people={people} programmes={programmes} />
        <SubmitButton>Create project</SubmitButton>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
