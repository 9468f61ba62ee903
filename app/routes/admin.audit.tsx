import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Select, SubmitButton, TextInput } from "~/components/forms";
import { Breadcrumbs, PageTitle, formatDateTime } from "~/components/layout";
import { auditTrailPage } from "~/modules/audit/service.server";
import { requireAdmin } from "~/modules/auth/access.server";
import { show } from "~/modules/audit/describe";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Audit trail – Administration – Waymark" }];

const PAGE = 50;

function filtersFrom(url: URL) {
  const text = (name: string) => (url.searchParams.get(name) ?? "").trim().slice(0, 100);
  const id = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  return { event: text("event"), entityType: text("entityType"), actor: text("actor"), projectId: id("project"), before: id("before") };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filters = filtersFrom(new URL(request.url));
  const page = auditTrailPage({
    event: filters.event || undefined,
    entityType: filters.entityType || undefined,
    actor: filters.actor || undefined,
    projectId: filters.projectId,
    before: filters.before,
    limit: PAGE,
  });
  return json({ filters, ...page });
}

type Json = Record<string, unknown>;
const parse = (s: string | null): Json | null => {
  if (!s) return null;
  try {
    const v = JSON.parse(s) as unknown;
    return v && typeof v === "object" ? (v as Json) : { value: v };
  } catch {
    return { value: s };
  }
};

/** Before and after as one line per field, so a reader sees what changed without reading JSON. */
function Changes({ before, after, meta }: { before: string | null; after: string | null; meta: string | null }) {
  const b = parse(before);
  const a = parse(after);
  const { ip, ...m } = parse(meta) ?? {};
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return (
    <>
      {keys.length ? (
        <ul className="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-1">
          {keys.map((k) => (
            <li key={k}>
              <strong>{k}</strong>:{" "}
              {b && a && k in b && k in a ? (
                <>
                  {show(b[k])} <span aria-hidden="true">→</span>
                  <span className="govuk-visually-hidden">changed to</span> {show(a[k])}
                </>
              ) : b && k in b && a ? (
                `was ${show(b[k])}`
              ) : (
                show((a ?? b)![k])
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {Object.keys(m).length ? <p className="govuk-body-s govuk-!-margin-bottom-0">{Object.entries(m).map(([k, v]) => `${k}: ${show(v)}`).join("; ")}</p> : null}
      {ip ? <p className="govuk-body-s govuk-!-margin-bottom-0">From {show(ip)}</p> : null}
    </>
  );
}

export default function AdminAudit() {
  const { filters, events, hasMore, projects, verification } = useLoaderData<typeof loader>();
  const values = {
    event: filters.event,
    entityType: filters.entityType,
    actor: filters.actor,
    project: filters.projectId ? String(filters.projectId) : "",
  };
  const older = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
  if (events.length) older.set("before", String(events[events.length - 1]!.id));
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: "/admin", label: "Administration" }]} />
      <PageTitle>Audit trail</PageTitle>
      {verification.ok ? (
        <div className="govuk-inset-text">
          The audit trail is intact: all {verification.count} events check out against their keyed hashes.
          {verification.unkeyed ? ` The first ${verification.unkeyed.count} were written before the trail was keyed and are sealed by event ${verification.unkeyed.sealId}.` : ""}{" "}
          To check that no events have been removed from the end, run <code>waymark audit verify --checkpoint</code> with the line from a
          daily checkpoint email.
        </div>
      ) : (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">!</span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {verification.wrongKey
              ? `The audit trail cannot be checked with this installation's audit key: ${verification.reason}.`
              : `The audit trail has been altered: event ${verification.brokenId} fails its check (${verification.reason}). Tell your data protection officer.`}
          </strong>
        </div>
      )}
      <Form method="get" className="waymark-filter" aria-label="Filter events">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <TextInput name="event" label="Event type starts with" hint="For example, user. or auth.sign_in" state={{ values }} spellCheck={false} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput name="entityType" label="Record type" hint="For example, user or action" state={{ values }} spellCheck={false} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <TextInput name="actor" label="Who" hint="Part of a name or email" state={{ values }} spellCheck={false} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select name="project" label="Project" options={projects.map((p) => ({ value: p.id, label: p.name }))} emptyLabel="Any project" state={{ values }} />
          </div>
        </div>
        <div className="govuk-button-group">
          <SubmitButton secondary>Filter events</SubmitButton>
          <Link className="govuk-link" to="/admin/audit">
            Clear filters
          </Link>
        </div>
      </Form>
      {events.length ? (
        <TableScroll label={`${filters.before ? "Older events" : "Latest events"}, newest first`}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {filters.before ? "Older events" : "Latest events"}, newest first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">Event</th>
                <th scope="col" className="govuk-table__header">Who</th>
                <th scope="col" className="govuk-table__header">Record</th>
                <th scope="col" className="govuk-table__header">What changed</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {events.map((e) => (
                <tr className="govuk-table__row" key={e.id}>
                  <td className="govuk-table__cell govuk-!-font-size-16">
                    {formatDateTime(e.at)}
                    <br />
                    <span className="govuk-hint govuk-!-font-size-16">No. {e.id}</span>
                  </td>
                  <td className="govuk-table__cell govuk-!-font-size-16">
                    <code>{e.event}</code>
                  </td>
                  <td className="govuk-table__cell govuk-!-font-size-16">{e.actor}</td>
                  <td className="govuk-table__cell govuk-!-font-size-16">
                    {e.entityType}
                    {e.entityId ? ` ${e.entityId}` : ""}
                    {e.projectId ? (
                      <>
                        <br />
                        {projectName.get(e.projectId) ?? `project ${e.projectId}`}
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    <Changes before={e.before} after={e.after} meta={e.meta} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">No events match these filters.</p>
      )}
      {hasMore ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/admin/audit?${older.toString()}`}>
            Older events
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
