import { Link } from "@remix-run/react";
import { formatDate } from "~/components/layout";
import { DecisionRecord, OutcomeTag, type DecisionLike } from "~/modules/proposal/ui";
import { METHOD_LABELS } from "./forms";

type Entry = DecisionLike & {
  title: string;
  version: number | null;
  proposalId: number;
  projectName: string;
  projectSlug: string;
  ballots: Array<{ name: string; decision: "approve" | "reject" | "abstain" | null; decidedAt: string | null; channel: string | null; conflictDeclared: boolean }>;
};

/** The decisions register: each decision's full record, how it was made and the ballots cast. */
export function DecisionsRegister({ decisions, showProject }: { decisions: Entry[]; showProject?: boolean }) {
  if (decisions.length === 0) return <p className="govuk-body">No decisions have been recorded yet.</p>;
  return (
    <>
      {decisions.map((d) => (
        <section key={d.id} id={`decision-${d.id}`} className="govuk-summary-card" aria-labelledby={`decision-${d.id}-title`}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title" id={`decision-${d.id}-title`}>
              {formatDate(d.decidedOn)}: {d.title}
              {d.version ? ` (version ${d.version})` : ""} <OutcomeTag outcome={d.outcome} />
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body">
              {showProject ? <>{d.projectName}. </> : null}
              {METHOD_LABELS[d.method]}.{" "}
              <Link className="govuk-link" to={`/projects/${d.projectSlug}/proposals/${d.proposalId}`}>
                Read the proposal<span className="govuk-visually-hidden">: {d.title}</span>
              </Link>
            </p>
            <DecisionRecord decision={d} ballots={d.ballots} />
          </div>
        </section>
      ))}
    </>
  );
}
