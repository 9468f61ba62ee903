import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { lineDiff } from "~/modules/proposal/diff";
import { getVersion } from "~/modules/proposal/service.server";
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
  const { project } = await requireProjectAccess(request, params.slug);
  const url = new URL(request.url);
  const proposalId = Number(params.proposalId);
  const a = getVersion({ projectId: project.id, proposalId, number: Number(url.searchParams.get("from")) || 1 });
  const b = getVersion({ projectId: project.id, proposalId, number: Number(url.searchParams.get("to")) || a.proposal.currentVersion });
  return json({
    proposal: { id: a.proposal.id, title: a.proposal.title },
    from: a.version.number,
    to: b.version.number,
    sections: SECTIONS.map(([key, label]) => ({ key, label, lines: lineDiff(a.version[key], b.version[key]) })),
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
          {s.lines.every((l) => l.kind === "same") ? <p className="govuk-body govuk-hint">No change.</p> : null}
          <ul className="govuk-list waymark-diff">
            {s.lines.map((l, i) =>
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
        </section>
      ))}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/projects/${project.slug}/proposals/${proposal.id}`}>Back to the proposal</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
