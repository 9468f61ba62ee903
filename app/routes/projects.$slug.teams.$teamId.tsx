import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, SubmitButton, TextInput } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { STATUS_NAMES } from "~/modules/action/plan-view";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { teamChangeSchema } from "~/modules/team/forms";
import { addTeamMember, getTeam, removeTeamMember, renameTeam, teamActions } from "~/modules/team/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.team.name ?? "Team"} – ${data?.projectName ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const team = getTeam({ scope: { projectId: project.id }, teamId: Number(params.teamId) });
  const canChange = access.canManage && team.ownTeam;
  return json({
    projectName: project.name,
    team,
    canChange,
    actions: teamActions({ projectId: project.id, teamId: team.id }),
    people: canChange ? peopleOptions().filter((p) => !team.members.some((m) => m.personId === p.value)) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const scope = { projectId: project.id };
  const teamId = Number(params.teamId);
  getTeam({ scope, teamId });
  const parsed = parseForm(await request.formData(), teamChangeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(user, request);
  const data = parsed.data;
  const result = attempt(parsed.values, () =>
    data.intent === "rename"
      ? renameTeam({ actor, scope, teamId, name: data.name })
      : (data.intent === "add-member" ? addTeamMember : removeTeamMember)({ actor, scope, teamId, personId: data.personId }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/teams/${teamId}`);
}

export default function TeamPage() {
  const { team, canChange, actions, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  const intent = state?.values?.intent;
  const stateFor = (name: string) => (intent === name ? state : undefined);
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>{team.name}</PageTitle>
      <h2 className="govuk-heading-m">Members</h2>
      {team.members.length === 0 ? (
        <p className="govuk-body">No members yet.</p>
      ) : (
        <ul className="govuk-list">
          {team.members.map((m) => (
            <li key={m.personId}>
              {m.name}
              {m.initials ? ` (${m.initials})` : ""}
              {canChange ? (
                <Form method="post" className="waymark-inline-form">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="personId" value={m.personId} />
                  <button type="submit" className="govuk-button govuk-button--secondary govuk-button--small govuk-!-margin-bottom-0 govuk-!-margin-left-2">
                    Remove<span className="govuk-visually-hidden"> {m.name}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canChange ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="add-member" />
          <Select name="personId" label="Add a member" state={stateFor("add-member")} options={people} emptyLabel="Choose a person" />
          <SubmitButton secondary>Add member</SubmitButton>
        </Form>
      ) : null}

      <h2 className="govuk-heading-m">Actions the team owns in this project</h2>
      {actions.length === 0 ? (
        <p className="govuk-body">None yet. Choose the team as an owner on an action’s form.</p>
      ) : (
        <ul className="govuk-list">
          {actions.map((a) => (
            <li key={a.id}>
              <Link className="govuk-link" to={`/projects/${project.slug}/actions/${a.id}`}>
                {a.ref} {a.title}
              </Link>{" "}
              ({STATUS_NAMES[a.status]})
            </li>
          ))}
        </ul>
      )}

      {canChange ? (
        <>
          <h2 className="govuk-heading-m">Rename the team</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="rename" />
            <TextInput name="name" label="Name" state={stateFor("rename")} defaultValue={team.name} />
            <SubmitButton secondary>Rename</SubmitButton>
          </Form>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
