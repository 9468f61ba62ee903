import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { formatDate, NotificationBanner, PageTitle, SummaryList } from "~/components/layout";
import { DueDateHistory, Dependencies, FlagList, ProgressNoteForm, StatusTag, Timeline } from "~/modules/action/action-page-parts";
import { addDependency, removeDependency, searchLinkCandidates } from "~/modules/action/dependencies.server";
import { actionDetail } from "~/modules/action/detail.server";
import { addDependencySchema, progressNoteSchema, removeDependencySchema } from "~/modules/action/forms";
import { readAsOf } from "~/modules/action/plan-view";
import { todayInLondon } from "~/modules/action/rules";
import { actionPermissions, addProgressNote, getAction, refuseActionUpdate } from "~/modules/action/service.server";
import { requireProjectAccess, viewerFor } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data ? `Action ${data.action.ref}: ${data.action.title}` : "Action", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, access, project } = await requireProjectAccess(request, params.slug);
  const viewer = viewerFor(user);
  const actionId = Number(params.actionId);
  const today = todayInLondon();
  const search = new URL(request.url).searchParams;
  // The plan's "View as of" date as typed there (27/3/2027, 27 March 2027, ISO); anything else is today.
  const asOf = readAsOf(search, today).asOf;
  const detail = actionDetail({ viewer, projectId: project.id, actionId, asOf });
  const permissions = actionPermissions({ canManage: access.canManage, actionId, personId: user.personId });
  const q = (search.get("q") ?? "").slice(0, 100);
  return json({
    project: { slug: project.slug, name: project.name },
    ...detail,
    asOf,
    today,
    permissions,
    search: permissions.canManage ? { q, lag: (search.get("lag") ?? "").slice(0, 10), ...searchLinkCandidates({ viewer, projectId: project.id, actionId, q }) } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const needsManage = intent === "addDependency" || intent === "removeDependency";
  const { user, access, project } = await requireProjectAccess(request, params.slug, needsManage ? "manage" : "read");
  const actionId = Number(params.actionId);
  getAction({ projectId: project.id, actionId });
  const actor = actorFor(user, request);
  const base = `/projects/${project.slug}/actions/${actionId}`;

  if (intent === "addNote") {
    if (!actionPermissions({ canManage: access.canManage, actionId, personId: user.personId }).canUpdateProgress) {
      refuseActionUpdate({ actor, projectId: project.id, what: `progress note on action ${actionId}`, request });
    }
    const parsed = parseForm(form, progressNoteSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const result = attempt(parsed.values, () =>
      addProgressNote({ actor, projectId: project.id, actionId, input: parsed.data, canManage: access.canManage }),
    );
    return result.ok ? redirect(`${base}?added=note`) : json(result, { status: 400 });
  }
  if (intent === "addDependency") {
    const parsed = parseForm(form, addDependencySchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const viewer = viewerFor(user);
    const result = attempt(parsed.values, () => addDependency({ actor, viewer, projectId: project.id, actionId, ...parsed.data }));
    return result.ok ? redirect(`${base}?added=dependency#dependencies`) : json(result, { status: 400 });
  }
  if (intent === "removeDependency") {
    const parsed = parseForm(form, removeDependencySchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    removeDependency({ actor, viewer: viewerFor(user), projectId: project.id, actionId, dependencyId: parsed.data.dependencyId });
    return redirect(`${base}#dependencies`);
  }
  throw new Response("Unknown request", { status: 400 });
}

export default function ActionPage() {
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { action: a, project, permissions } = data;
  const base = `/projects/${project.slug}/actions/${a.id}`;
  const intent = state?.values?.intent;
  const noteState = intent === "addNote" ? state : undefined;
  const depState = intent === "addDependency" ? state : undefined;
  const [search] = useSearchParams();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      {search.get("added") === "note" && !state ? <NotificationBanner>Progress note added</NotificationBanner> : null}
      {search.get("added") === "dependency" && !state ? <NotificationBanner>Dependency added</NotificationBanner> : null}
      <PageTitle caption={`${project.name}: action ${a.ref}`}>{a.title}</PageTitle>
      {data.asOf !== data.today ? (
        <div className="govuk-inset-text">
          Flags are shown as of {formatDate(data.asOf)}, not today.{" "}
          <Link className="govuk-link" to={base}>
            Show flags as of today
          </Link>
        </div>
      ) : null}
      {permissions.canManage ? (
        <div className="govuk-button-group">
          <Link className="govuk-button govuk-button--secondary" to={`${base}/edit`}>
            Edit action
          </Link>
          {a.status !== "cancelled" ? (
            <Link className="govuk-link" to={`${base}/cancel`}>
              Cancel this action
            </Link>
          ) : null}
        </div>
      ) : null}

      <h2 className="govuk-heading-m">Flags</h2>
      <FlagList flags={data.flags} asOf={data.asOf} />

      <h2 className="govuk-heading-m">Summary</h2>
      <SummaryList
        rows={[
          { key: "Reference", value: a.ref },
          { key: "Status", value: <><StatusTag status={a.status} />{a.status === "blocked" && a.blockedReason ? <p className="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">Reason: {a.blockedReason}</p> : null}</> },
          { key: "Percent complete", value: `${a.percentComplete}%` },
          { key: "Work package", value: data.workPackage ? `${data.workPackage.ref}: ${data.workPackage.name}` : "None" },
          { key: "Stage", value: data.stage?.name ?? "None" },
          { key: "Owners", value: data.owners.length ? data.owners.map((o) => (o.initials ? `${o.name} (${o.initials})` : o.name)).join(", ") : "Nobody owns this action" },
          { key: "Recommendations answered", value: data.recommendations.length ? <ul className="govuk-list">{data.recommendations.map((r) => <li key={r.ref}>{r.ref}: {r.title}</li>)}</ul> : "None" },
          { key: "Description", value: a.description ? <span style={{ whiteSpace: "pre-line" }}>{a.description}</span> : "None" },
          { key: "Expected outcomes", value: a.expectedOutcomes ? <span style={{ whiteSpace: "pre-line" }}>{a.expectedOutcomes}</span> : "None" },
          { key: "Planned start", value: formatDate(a.plannedStart) },
          { key: "Due date", value: formatDate(a.dueDate) },
          { key: "Deadline as written", value: a.deadlineText || "None" },
          { key: "Baseline due date", value: formatDate(a.baselineDueDate) },
          ...(a.completedDate ? [{ key: "Completed", value: formatDate(a.completedDate) }] : []),
        ]}
      />

      <DueDateHistory changes={data.dueDateHistory} baseline={a.baselineDueDate} />
      <Dependencies
        predecessors={data.links.predecessors}
        successors={data.links.successors}
        canManage={permissions.canManage}
        action={base}
        search={data.search}
        asOf={data.asOf !== data.today ? data.asOf : null}
        state={depState}
      />

      <h2 className="govuk-heading-m">Progress notes</h2>
      {permissions.canUpdateProgress ? (
        <>
          <h3 className="govuk-heading-s" id="progress-note" tabIndex={-1}>
            Add a progress note
          </h3>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <ProgressNoteForm key={data.notes.length} action={base} state={noteState} today={data.today} currentStatus={a.status} />
            </div>
          </div>
        </>
      ) : null}
      <Timeline notes={data.notes} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
