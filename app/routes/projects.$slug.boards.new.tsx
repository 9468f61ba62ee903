import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { BoardRuleFields } from "~/modules/board/fields";
import { boardCreateSchema } from "~/modules/board/forms";
import { createBoard } from "~/modules/board/service.server";
import { peopleOptions } from "~/modules/people/service.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Set up a board – ${data?.project.name ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  return json({ project: { slug: project.slug, name: project.name }, people: peopleOptions() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), boardCreateSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createBoard({ actor: actorFor(user, request), scope: { projectId: project.id }, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/boards/${result.result.id}`);
}

export default function NewBoard() {
  const { project, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Set up a board</PageTitle>
      <Form method="post" noValidate>
        <BoardRuleFields state={state} chairOptions={people} />
        <Checkboxes name="memberIds" legend="Members" hint="Each member gets a ballot when a proposal is sent to the board. You can add members later." options={people} state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Set up board</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/boards`}>
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
