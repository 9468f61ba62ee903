// Pieces of proposal pages shared by the signed-in pages and the ballot-link page.
import { Form } from "@remix-run/react";
import { ErrorSummary, Radios, SubmitButton, TextArea, type FormState } from "~/components/forms";
import { formatDate, formatDateTime, SummaryList, Tag } from "~/components/layout";
import { DECISION_LABELS, METHOD_LABELS, OUTCOME_LABELS } from "~/modules/approval/forms";
import { parseBody } from "./diff";
import { TableScroll } from "~/components/table-scroll";

/** The proposal's simple markup rendered as React text nodes: nothing in it can become HTML. */
export function ProposalBody({ body, headingLevel = 3 }: { body: string; headingLevel?: 2 | 3 }) {
  const blocks = parseBody(body);
  if (blocks.length === 0) return <p className="govuk-body govuk-hint">Nothing written.</p>;
  return (
    <>
      {blocks.map((b, i) => {
        if (b.kind === "heading") {
          const level = Math.min(4, headingLevel + b.level - 2);
          const H = `h${level}` as "h2" | "h3" | "h4";
          return (
            <H key={i} className={level <= 3 ? "govuk-heading-s" : "govuk-heading-s"}>
              {b.text}
            </H>
          );
        }
        if (b.kind === "list") {
          const L = b.ordered ? "ol" : "ul";
          return (
            <L key={i} className={`govuk-list ${b.ordered ? "govuk-list--number" : "govuk-list--bullet"}`}>
              {b.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </L>
          );
        }
        return (
          <p key={i} className="govuk-body">
            {b.text}
          </p>
        );
      })}
    </>
  );
}

export interface VersionLike {
  number: number;
  title: string;
  body: string;
  optionsConsidered: string;
  recommendation: string;
}

/** One version: the proposal, the options considered and the recommendation, under h2 headings. */
export function VersionView({ version }: { version: VersionLike }) {
  return (
    <>
      <h2 className="govuk-heading-m">The proposal</h2>
      <ProposalBody body={version.body} />
      <h2 className="govuk-heading-m">Options considered</h2>
      <ProposalBody body={version.optionsConsidered} />
      <h2 className="govuk-heading-m">Recommendation</h2>
      <div className="govuk-inset-text">
        <ProposalBody body={version.recommendation} />
      </div>
    </>
  );
}

export function ConsultationSummary({ summary }: { summary: { supports: number; has_concerns: number; objects: number } }) {
  const total = summary.supports + summary.has_concerns + summary.objects;
  if (total === 0) return <p className="govuk-body">No consultee has responded.</p>;
  return (
    <p className="govuk-body">
      Supports: {summary.supports}. Has concerns: {summary.has_concerns}. Objects: {summary.objects}. (The latest position of each of {total} consultee{total === 1 ? "" : "s"}.)
    </p>
  );
}

/** The ballot form: nothing is chosen in advance, and nothing submits until a person presses the button. */
export function BallotForm({ state, action, hidden }: { state?: FormState; action?: string; hidden?: Record<string, string | number> }) {
  return (
    <Form method="post" action={action} noValidate>
      <ErrorSummary errors={state?.errors} />
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <Radios
        name="decision"
        legend="Your decision"
        state={state}
        options={[
          { value: "approve", label: "Approve", hint: "Agree to the recommendation" },
          { value: "reject", label: "Reject", hint: "You must say why in the comment" },
          { value: "abstain", label: "Abstain" },
        ]}
      />
      <TextArea name="comment" label="Comment" hint="Required if you reject. Your comment goes into the decision record." state={state} />
      <Radios
        name="conflict"
        legend="Do you have a conflict of interest in this decision?"
        state={state}
        inline
        options={[
          { value: "no", label: "No" },
          { value: "yes", label: "Yes" },
        ]}
      />
      <TextArea name="conflictText" label="If yes, describe the conflict of interest" rows={3} state={state} />
      <SubmitButton>Submit my vote</SubmitButton>
    </Form>
  );
}

export interface DecisionLike {
  id: number;
  outcome: "approved" | "rejected" | "deferred";
  decidedOn: string;
  reasons: string;
  alternativesRejected: string;
  conflictsDeclared: string;
  method: "email_ballot" | "meeting";
  recordedBy: string;
  supersededById: number | null;
}

const OUTCOME_COLOURS = { approved: "green", rejected: "red", deferred: "yellow" } as const;

export function OutcomeTag({ outcome }: { outcome: DecisionLike["outcome"] }) {
  return <Tag colour={OUTCOME_COLOURS[outcome]}>{OUTCOME_LABELS[outcome]}</Tag>;
}

const multiline = (text: string) => <span style={{ whiteSpace: "pre-line" }}>{text || "None recorded"}</span>;

/** The decision record with the fields the Openness of Local Government Bodies Regulations 2014 ask for. */
export function DecisionRecord({ decision, ballots }: { decision: DecisionLike; ballots?: Array<{ name: string; decision: keyof typeof DECISION_LABELS | null; decidedAt: string | null; channel: string | null; conflictDeclared: boolean }> }) {
  return (
    <>
      <SummaryList
        rows={[
          { key: "Decision", value: <OutcomeTag outcome={decision.outcome} /> },
          { key: "Date", value: formatDate(decision.decidedOn) },
          { key: "How it was made", value: METHOD_LABELS[decision.method] },
          { key: "Reasons", value: multiline(decision.reasons) },
          { key: "Alternatives considered and rejected", value: multiline(decision.alternativesRejected) },
          { key: "Conflicts of interest declared", value: multiline(decision.conflictsDeclared) },
          { key: "Recorded by", value: decision.recordedBy },
          ...(decision.supersededById ? [{ key: "Status", value: "Superseded by a later decision" }] : []),
        ]}
      />
      {ballots && ballots.length ? (
        <TableScroll label={`Ballots cast for decision ${decision.id}, ${formatDate(decision.decidedOn)}`}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Ballots cast</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Member</th>
                <th scope="col" className="govuk-table__header">Vote</th>
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">How</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {ballots.map((b, i) => (
                <tr className="govuk-table__row" key={i}>
                  <td className="govuk-table__cell">
                    {b.name}
                    {b.conflictDeclared ? " (declared a conflict of interest)" : ""}
                  </td>
                  <td className="govuk-table__cell">{b.decision ? DECISION_LABELS[b.decision] : "Did not vote"}</td>
                  <td className="govuk-table__cell">{b.decidedAt ? formatDateTime(b.decidedAt) : "–"}</td>
                  <td className="govuk-table__cell">{b.channel === "email" ? "Email link" : b.channel === "app" ? "Signed in" : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </>
  );
}
