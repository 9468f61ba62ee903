import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle, SummaryList, formatDate } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { milestoneSchema } from "~/modules/structure/forms";
import { MilestoneFields } from "~/modules/structure/milestone-fields";
import { getMilestone, updateMilestone } from "~/modules/structure/milestone.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Edit milestone ${data?.milestone.name ?? ""}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const milestone = getMilestone({ projectId: project.id, milestoneId: Number(params.milestoneId) });
  return json({ project: { slug: project.slug, name: project.name }, milestone });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const milestone = getMilestone({ projectId: project.id, milestoneId: Number(params.milestoneId) });
  const parsed = parseForm(await request.formData(), milestoneSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () =>
    updateMilestone({ actor: actorFor(user, request), projectId: project.id, milestoneId: milestone.id, ...parsed.data }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/milestones`);
}

export default function EditMilestone() {
  const { project, milestone } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Edit milestone</PageTitle>
      <SummaryList rows={[{ key: "Baseline date", value: formatDate(milestone.baselineDate) }]} />
      <Form method="post" noValidate>
        <MilestoneFields state={state} milestone={milestone} />
        <div className="govuk-button-group">
          <SubmitButton>Save changes</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/milestones`}>
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
