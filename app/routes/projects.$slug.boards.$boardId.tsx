import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Select, SubmitButton } from "~/components/forms";
import { formatDateTime, PageTitle, SummaryList } from "~/components/layout";
import { describeRule } from "~/modules/approval/decision-rule";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { BoardRuleFields } from "~/modules/board/fields";
import { boardEditSchema, boardMemberSchema } from "~/modules/board/forms";
import { addBoardMember, boardHistory, getBoard, removeBoardMember, updateBoard } from "~/modules/board/service.server";
import { peopleOptions } from "~/modules/people/service.server";
import { attempt, formValues, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.board.name ?? "Board"} – ${data?.projectName ?? "Project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const scope = { projectId: project.id };
  const board = getBoard({ scope, boardId: Number(params.boardId) });
  const canChange = access.canManage && board.ownBoard;
  return json({
    projectName: project.name,
    board,
    canChange,
    history: boardHistory({ scope, boardId: board.id }),
    people: canChange ? peopleOptions().filter((p) => !board.members.some((m) => m.personId === p.value)) : [],
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const scope = { projectId: project.id };
  const boardId = Number(params.boardId);
  getBoard({ scope, boardId });
  const form = await request.formData();
  const actor = actorFor(user, request);
  const values = formValues(form);
  if (values.intent === "edit") {
    const parsed = parseForm(form, boardEditSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const result = attempt(parsed.values, () => updateBoard({ actor, scope, boardId, ...parsed.data }));
    if (!result.ok) return json(result, { status: 400 });
  } else {
    const parsed = parseForm(form, boardMemberSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const { intent, personId } = parsed.data;
    const result = attempt(parsed.values, () => (intent === "add-member" ? addBoardMember : removeBoardMember)({ actor, scope, boardId, personId }));
    if (!result.ok) return json(result, { status: 400 });
  }
  return redirect(`/projects/${project.slug}/boards/${boardId}`);
}

export default function BoardPage() {
  const { board, canChange, history, people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project } = useProject();
  const intent = state?.values?.intent;
  const stateFor = (name: string) => (intent === name ? state : undefined);
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>{board.name}</PageTitle>
      <SummaryList
        rows={[
          { key: "How it decides", value: describeRule({ kind: board.decisionRule, quorum: board.quorum, castingVote: board.castingVote }) },
          { key: "Chair", value: board.chair ? board.chair.name : "No chair named" },
          { key: "Belongs to", value: board.ownBoard ? "This project" : "The programme (its managers change it)" },
        ]}
      />

      <h2 className="govuk-heading-m">Members</h2>
      {board.members.length === 0 ? (
        <p className="govuk-body">No members yet. A board needs members before a proposal can be sent to it.</p>
      ) : (
        <ul className="govuk-list">
          {board.members.map((m) => (
            <li key={m.personId}>
              {m.name}
              {m.personId === board.chairPersonId ? " (chair)" : ""}
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

      {canChange ? (
        <>
          <h2 className="govuk-heading-m">Change the board’s rule</h2>
          <p className="govuk-body">Requests already sent keep the rule they were sent with.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="edit" />
            <BoardRuleFields state={stateFor("edit")} current={board} chairOptions={board.members.map((m) => ({ value: m.personId, label: m.name }))} />
            <SubmitButton>Save changes</SubmitButton>
          </Form>
        </>
      ) : null}

      <h2 className="govuk-heading-m">History of changes</h2>
      {history.length === 0 ? (
        <p className="govuk-body">No changes recorded.</p>
      ) : (
        <ol className="govuk-list govuk-list--spaced" reversed>
          {[...history].reverse().map((h) => (
            <li key={h.id}>
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                {formatDateTime(h.at)}, by {h.actor}
              </span>
              {h.text}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
