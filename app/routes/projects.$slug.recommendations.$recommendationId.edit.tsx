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
import { getRecommendation, updateRecommendation } from "~/modules/recommendation/service.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.recommendation.ref ?? "recommendation"} – ${data?.project.name ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const recommendation = getRecommendation({ projectId: project.id, recommendationId: Number(params.recommendationId) });
  return json({ project: { slug: project.slug, name: project.name }, recommendation });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const recommendationId = Number(params.recommendationId);
  getRecommendation({ projectId: project.id, recommendationId });
  const parsed = parseForm(await request.formData(), recommendationSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => updateRecommendation({ actor: actorFor(user, request), projectId: project.id, recommendationId, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/recommendations/${recommendationId}`);
}

export default function EditRecommendation() {
  const { project, recommendation } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const back = `/projects/${project.slug}/recommendations/${recommendation.id}`;
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Change recommendation {recommendation.ref}</PageTitle>
      <Form method="post" noValidate>
        <RecommendationFields state={state} current={recommendation} />
        <div className="govuk-button-group">
          <SubmitButton>Save changes</SubmitButton>
          <Link className="govuk-link" to={back}>
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
