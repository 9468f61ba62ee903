import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { RecommendationFields } from "~/modules/recommendation/fields";
import { recommendationSchema } from "~/modules/recommendation/forms";
import { createRecommendation } from "~/modules/recommendation/service.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Add a recommendation – ${data?.project.name ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  return json({ project: { slug: project.slug, name: project.name } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), recommendationSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createRecommendation({ actor: actorFor(user, request), projectId: project.id, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/recommendations/${result.result.id}`);
}

export default function NewRecommendation() {
  const { project } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Add a recommendation</PageTitle>
      <Form method="post" noValidate>
        <RecommendationFields state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Add recommendation</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/recommendations`}>
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
