// The dependency graph page's parts, shared by the project and programme pages. The text is the
// page; the mermaid picture is drawn after hydration from a chunk loaded with import(), so mermaid
// enters no other page's JavaScript and nothing the reader needs waits for it.
import { Form, Link } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorSummary, Select, TextInput } from "~/components/forms";
import { Tag } from "~/components/layout";
import { chainSentence, HIDDEN_LABEL, nodeLabel, type GraphNode } from "./graph";
import type { GraphPageData } from "./graph-view";
import { renderMermaid } from "./mermaid.client";


/** Draws mermaid text as SVG once the page has hydrated; renders nothing on the server. */
const workPackageName = (w: { ref: string; name: string; projectName: string | null }) => `${w.ref} ${w.name}${w.projectName ? ` (${w.projectName})` : ""}`;

export function MermaidPicture({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId().replace(/[^a-zA-Z0-9]/g, "");
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    renderMermaid(`graph${id}`, text)
      .then((svg) => {
        if (cancelled || !ref.current) return;
        ref.current.innerHTML = svg;
        const drawn = ref.current.querySelector("svg");
        drawn?.setAttribute("aria-label", label);
        drawn?.setAttribute("role", "group");
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [text, label, id]);
  return (
    <figure className="waymark-graph govuk-!-margin-0 govuk-!-margin-bottom-6">
      <figcaption className="govuk-body-s">{label}. The same links are written out in words below.</figcaption>
      {failed ? <p className="govuk-body">The picture could not be drawn. The text below says the same.</p> : null}
      <div ref={ref} className="waymark-graph__picture" data-testid="graph-picture" />
    </figure>
  );
}

function NodeName({ node }: { node: GraphNode }) {
  if (node.hidden) return <>{HIDDEN_LABEL}</>;
  const text = node.kind === "milestone" ? `Milestone: ${node.title}` : `${node.ref} ${node.title}`;
  return (
    <>
      {node.href ? (
        <Link className="govuk-link" to={node.href}>
          {text}
        </Link>
      ) : (
        text
      )}
      {node.projectName ? ` (${node.projectName})` : null}
    </>
  );
}

const lagText = (lag: number) => (lag ? ` (lag ${lag} ${Math.abs(lag) === 1 ? "day" : "days"})` : "");

export function FocusForm({ data }: { data: GraphPageData }) {
  const errors = data.error ? { focus: data.error } : undefined;
  return (
    <Form method="get" className="govuk-!-margin-bottom-6">
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Select
            name="focus"
            label="Focus on one item"
            hint="Shows the item with what it waits for and what waits for it."
            options={data.picker}
            emptyLabel="The whole graph"
            state={{ errors, values: { focus: data.focus?.key ?? data.raw.focus } }}
          />
        </div>
        <div className="govuk-grid-column-one-third">
          <TextInput name="depth" type="number" width={3} inputMode="numeric" label="Levels up and down" state={{ values: { depth: String(data.focus?.depth ?? (data.raw.depth || 2)) } }} />
        </div>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
        Show
      </button>
    </Form>
  );
}

export function GraphPage({ data, title }: { data: GraphPageData; title: string }) {
  const errors = data.error ? { focus: data.error } : undefined;
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.focus?.automatic ? (
        <div className="govuk-inset-text">
          This plan has {data.nodeCount} linked items, too many to draw readably at once, so it opens on the most flagged item,{" "}
          {data.focus.label}. Choose another item below.
        </div>
      ) : null}
      {data.focus && !data.focus.automatic ? (
        <p className="govuk-body">
          Showing {data.focus.label} with {data.focus.depth} {data.focus.depth === 1 ? "level" : "levels"} up and down.{" "}
          {data.nodeCount <= 150 ? (
            <Link className="govuk-link" to="?">
              Show the whole graph
            </Link>
          ) : null}
        </p>
      ) : null}
      <FocusForm data={data} />

      <h2 className="govuk-heading-m">Blocked chains</h2>
      {data.chains.length === 0 ? (
        <p className="govuk-body">Nothing is blocked by another item.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="blocked-chains">
          {data.chains.map((c, i) => (
            <li key={i}>{chainSentence(c)}.</li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">Critical path</h2>
      {data.critical.length === 0 ? (
        <p className="govuk-body">No item shown here is on the critical path.</p>
      ) : (
        <p className="govuk-body" data-testid="critical-path">
          On the critical path (no float: a day's slip moves the end of the plan): {data.critical.join(", ")}. They are drawn with double
          side bars and thick arrows, and marked “Critical”.
        </p>
      )}

      {data.hasWorkPackageLinks ? (
        <>
          <h2 className="govuk-heading-m">How the work packages feed each other</h2>
          <MermaidPicture text={data.workPackagesText} label={`Work packages of ${title} and what each feeds into`} />
          <h3 className="govuk-heading-s">In words</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid="work-package-feeds">
            {data.workPackageFeeds.map(({ from, to }) => (
              <li key={`${from.id}-${to.id}`}>
                <a className="govuk-link" href={from.href}>
                  {workPackageName(from)}
                </a>{" "}
                feeds into{" "}
                <a className="govuk-link" href={to.href}>
                  {workPackageName(to)}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Actions and milestones</h2>
      {data.links.length === 0 ? (
        <p className="govuk-body">No action or milestone here waits for another.</p>
      ) : (
        <>
          <MermaidPicture text={data.itemsText} label={`Dependencies between the actions and milestones of ${title}`} />
          <h3 className="govuk-heading-s">In words</h3>
          <dl className="govuk-summary-list" data-testid="graph-text">
            {data.links.map((l) => (
              <div className="govuk-summary-list__row" key={l.node.key}>
                <dt className="govuk-summary-list__key">
                  <NodeName node={l.node} />
                  {l.node.flags.length || l.node.critical ? (
                    <span className="govuk-!-display-block govuk-!-margin-top-1">
                      {l.node.flags.map((f) => (
                        <span key={f.kind} className="govuk-!-margin-right-1">
                          <Tag colour={f.kind === "blocked" || f.kind === "overdue" || f.kind === "missed" ? "red" : "yellow"}>{f.tag}</Tag>
                        </span>
                      ))}
                      {l.node.critical ? (
                        <span className="govuk-!-margin-right-1">
                          <Tag colour="grey">Critical</Tag>
                        </span>
                      ) : null}
                    </span>
                  ) : null}
                </dt>
                <dd className="govuk-summary-list__value">
                  {l.waitsFor.length ? (
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      Waits for{" "}
                      {l.waitsFor.map((w, i) => (
                        <span key={w.node.key}>
                          {i > 0 ? ", " : null}
                          {nodeLabel(w.node)}
                          {lagText(w.lagDays)}
                        </span>
                      ))}
                      .
                    </p>
                  ) : null}
                  {l.waitedOnBy.length ? (
                    <p className="govuk-body-s govuk-!-margin-bottom-1">
                      {l.waitedOnBy.map((w, i) => (
                        <span key={w.node.key}>
                          {i > 0 ? ", " : null}
                          {nodeLabel(w.node)}
                          {lagText(w.lagDays)}
                        </span>
                      ))}{" "}
                      {l.waitedOnBy.length === 1 ? "waits" : "wait"} for it.
                    </p>
                  ) : null}
                  {l.node.flags
                    .filter((f) => f.kind === "blocked" || f.kind === "at_risk")
                    .map((f) => (
                      <p key={f.kind} className="govuk-body-s govuk-!-margin-bottom-0">
                        {f.text}
                      </p>
                    ))}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </>
  );
}
