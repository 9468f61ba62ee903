import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { compareText, type Comparison } from "~/modules/proposal/diff";
import { getVersion, getVisibleProposal } from "~/modules/proposal/service.server";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Compare versions", matches) }];

const SECTIONS = [
  ["title", "Title"],
  ["body", "The proposal"],
  ["optionsConsidered", "Options considered"],
  ["recommendation", "Recommendation"],
] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const url = new URL(request.url);
  const proposalId = Number(params.proposalId);
  getVisibleProposal({ projectId: project.id, proposalId, access });
  const a = getVersion({ projectId: project.id, proposalId, number: Number(url.searchParams.get("from")) || 1 });
  const b = getVersion({ projectId: project.id, proposalId, number: Number(url.searchParams.get("to")) || a.proposal.currentVersion });
  return json({
    proposal: { id: a.proposal.id, title: a.proposal.title },
    from: a.version.number,
    to: b.version.number,
    sections: SECTIONS.map(([key, label]) => ({ key, label, comparison: compareText(a.version[key], b.version[key]) })),
  });
}

export default function Compare() {
  const { proposal, from, to, sections } = useLoaderData<typeof loader>();
  const { project } = useProject();
  return (
    <>
      <PageTitle caption={proposal.title}>
        Version {from} compared with version {to}
      </PageTitle>
      <p className="govuk-body">
        Lines marked “Added” are only in version {to}; lines marked “Removed” are only in version {from}.
      </p>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`diff-${s.key}`}>
          <h2 className="govuk-heading-m" id={`diff-${s.key}`}>{s.label}</h2>
          <SectionComparison comparison={s.comparison} from={from} to={to} />
        </section>
      ))}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/projects/${project.slug}/proposals/${proposal.id}`}>Back to the proposal</Link>
      </p>
    </>
  );
}

function SectionComparison({ comparison, from, to }: { comparison: Comparison; from: number; to: number }) {
  if (comparison.kind === "too-many") {
    return (
      <>
        <div className="govuk-inset-text">There are too many changes to compare line by line. Both versions are shown in full.</div>
        <h3 className="govuk-heading-s">Version {from}</h3>
        <div className="govuk-body" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{comparison.before || "\u00a0"}</div>
        <h3 className="govuk-heading-s">Version {to}</h3>
        <div className="govuk-body" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{comparison.after || "\u00a0"}</div>
      </>
    );
  }
  const { lines } = comparison;
  return (
    <>
      {lines.every((l) => l.kind === "same") ? <p className="govuk-body govuk-hint">No change.</p> : null}
      <ul className="govuk-list waymark-diff">
        {lines.map((l, i) =>
          l.kind === "same" ? (
            <li key={i}>{l.text || "\u00a0"}</li>
          ) : (
            <li key={i} style={{ borderLeft: `5px solid ${l.kind === "added" ? "#00703c" : "#d4351c"}`, paddingLeft: 10 }}>
              <strong>{l.kind === "added" ? "Added: " : "Removed: "}</strong>
              {l.kind === "removed" ? <del>{l.text}</del> : <ins style={{ textDecoration: "none" }}>{l.text}</ins>}
            </li>
          ),
        )}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
