// The board pages' markup, shared by a project's boards and a programme's (pages.server.ts loads them).
import { Form, Link } from "@remix-run/react";
import { Breadcrumbs, formatDateTime, PageTitle, SummaryList } from "~/components/layout";
import { Checkboxes, ErrorSummary, Select, SubmitButton, type FormState } from "~/components/forms";
import { describeRule } from "~/modules/approval/decision-rule";
import { BoardRuleFields } from "./fields";
import type { boardPage, boardsPage, newBoardPage } from "./pages.server";

type Place = { level: "project" | "programme"; base: string; canManage: boolean; project?: { name: string; slug: string }; programme?: { name: string; slug: string } };
const nameOf = (p: Place) => (p.project ?? p.programme)!.name;

/** A programme's pages have no project navigation above them: breadcrumbs lead back. */
function ProgrammeCrumbs({ place }: { place: Place }) {
  if (place.level !== "programme" || !place.programme) return null;
  return <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: `/programmes/${place.programme.slug}`, label: place.programme.name }]} />;
}

export function BoardsList({ data }: { data: ReturnType<typeof boardsPage> }) {
  const { boards, base, canManage } = data;
  const own = data.level === "project" ? "This project" : "This programme";
  return (
    <>
      <ProgrammeCrumbs place={data} />
      <PageTitle caption={nameOf(data)}>Boards</PageTitle>
      <p className="govuk-body">
        Boards approve proposals by email ballot or at a meeting.{" "}
        {data.level === "project" ? "A project can use its own boards and its programme’s." : "Every project of the programme can send proposals to the programme’s boards."}
      </p>
      {canManage ? (
        <Link className="govuk-button" to={`${base}/new`}>
          Set up a board
        </Link>
      ) : null}
      {boards.length === 0 ? (
        <p className="govuk-body">{data.level === "project" ? "No board can decide for this project yet." : "This programme has no boards yet."}</p>
      ) : (
        <div className="waymark-table-scroll" role="region" aria-label="Boards" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">{data.level === "project" ? "Boards that can decide for this project" : "The programme’s boards"}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Board</th>
                <th scope="col" className="govuk-table__header">How it decides</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">Members</th>
                <th scope="col" className="govuk-table__header">Belongs to</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {boards.map((b) => (
                <tr className="govuk-table__row" key={b.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}/${b.id}`}>
                      {b.name}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{describeRule({ kind: b.decisionRule, quorum: b.quorum, castingVote: b.castingVote })}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{b.members}</td>
                  <td className="govuk-table__cell">{b.ownBoard ? own : "The programme"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function NewBoard({ data, state }: { data: ReturnType<typeof newBoardPage>; state?: FormState }) {
  const { people } = data;
  return (
    <>
      <ProgrammeCrumbs place={data} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={nameOf(data)}>Set up a board</PageTitle>
      <Form method="post" noValidate>
        <BoardRuleFields state={state} chairOptions={people} />
        <Checkboxes name="memberIds" legend="Members" hint="Each member gets a ballot when a proposal is sent to the board. You can add members later." options={people} state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Set up board</SubmitButton>
          <Link className="govuk-link" to={data.base}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function BoardDetail({ data, state }: { data: ReturnType<typeof boardPage>; state?: FormState }) {
  const { board, canChange, history, people } = data;
  const own = data.level === "project" ? "This project" : "This programme";
  const intent = state?.values?.intent;
  const stateFor = (name: string) => (intent === name ? state : undefined);
  return (
    <>
      <ProgrammeCrumbs place={data} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={nameOf(data)}>{board.name}</PageTitle>
      <SummaryList
        rows={[
          { key: "How it decides", value: describeRule({ kind: board.decisionRule, quorum: board.quorum, castingVote: board.castingVote }) },
          { key: "Chair", value: board.chair ? board.chair.name : "No chair named" },
          { key: "Belongs to", value: board.ownBoard ? own : "The programme (its managers change it)" },
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
