// The API's action list, paged in SQL: one page of a 1,000-action plan costs what its 100 rows cost,
// not what the whole plan does. The page's actions are picked in id order after the cursor with
// the filters SQL can apply (status, work package, owner, updatedSince); flags are computed only
// for the page's actions and what they depend on (flagsForActions gives the same flags as
// flagsForProjects), except under a flag filter, which needs every candidate's flags first (one
// flagsForProjects). Owners, recommendations and latest notes are loaded for the page's rows only.
// Same items, order, cursor and JSON as the whole-plan version (tests/integration/api-actions-paging.test.ts).
import { getSqlite } from "~/db.server";
import { latestNotes } from "~/modules/action/plan.server";
import { compareRef, type PlanQuery, type StatusKey } from "~/modules/action/plan-view";
import type { Flag } from "~/modules/action/rules";
import { flagsForActions, flagsForProjects } from "~/modules/action/schedule.server";
import { encodeCursor } from "./paging";
import { serialiseFlag } from "./serialise";

type Filters = Pick<PlanQuery, "owner" | "status" | "flag" | "workPackage">;
type Database = ReturnType<typeof getSqlite>;

interface ActionRow {
  id: number;
  ref: string;
  title: string;
  expectedOutcomes: string;
  deadlineText: string;
  dueDate: string | null;
  status: StatusKey;
  percentComplete: number;
  workPackageId: number | null;
  stageId: number | null;
}

// Prepared once per connection (plain SQL: building a query through drizzle cost more than running it).
const statements = new WeakMap<Database, ReturnType<typeof prepare>>();
function prepare(db: Database) {
  const ids = "(select value from json_each(@ids))";
  return {
    // Every filter but the flag; a null parameter switches its filter off. @limit -1: no limit.
    page: db.prepare(`
      select a.id, a.ref, a.title, a.expected_outcomes as expectedOutcomes, a.deadline_text as deadlineText,
             a.due_date as dueDate, a.status, a.percent_complete as percentComplete,
             a.work_package_id as workPackageId, a.stage_id as stageId
      from actions a
      where a.project_id = @projectId and a.id > @after
        and (@status is null or a.status = @status or (@status = 'open' and a.status not in ('done', 'cancelled')))
        and (@noWp is null or a.work_package_id is null)
        and (@wpId is null or a.work_package_id = @wpId)
        and (@personId is null or exists (select 1 from action_owners o where o.action_id = a.id and o.person_id = @personId))
        and (@teamId is null or exists (select 1 from action_owners o where o.action_id = a.id and o.team_id = @teamId))
        and (@since is null or a.updated_at >= @since)
      order by a.id
      limit @limit`),
    owners: db.prepare(`
      select o.action_id as actionId, o.person_id as personId, o.team_id as teamId, p.name as personName, t.name as teamName
      from action_owners o left join people p on p.id = o.person_id left join teams t on t.id = o.team_id
      where o.action_id in ${ids} order by o.id`),
    recommendations: db.prepare(`
      select ar.action_id as actionId, r.ref from action_recommendations ar
      join recommendations r on r.id = ar.recommendation_id
      where ar.action_id in ${ids} and r.project_id = @projectId`),
    workPackages: db.prepare(`select id, ref, name from work_packages where project_id = ?`),
    stages: db.prepare(`
      select s.id, s.work_package_id as workPackageId, s.name from stages s
      join work_packages w on w.id = s.work_package_id where w.project_id = ?`),
  };
}
function statementsFor(db: Database) {
  let s = statements.get(db);
  if (!s) {
    s = prepare(db);
    statements.set(db, s);
  }
  return s;
}

const q = (v: string) => (v === "" ? null : v);

/**
 * One page of a project's actions, in id order after `after`, as the API serialises them, and the
 * cursor of the next page (null on the last).
 */
export function actionsPage({
  projectId,
  asOf,
  query,
  since,
  limit,
  after,
  canSee,
}: {
  projectId: number;
  asOf: string;
  query: Filters;
  since: string | null;
  limit: number;
  after: number;
  canSee: (projectId: number) => boolean;
}) {
  const st = statementsFor(getSqlite());
  const filters = {
    projectId,
    after,
    status: q(query.status),
    noWp: query.workPackage === "none" ? 1 : null,
    wpId: query.workPackage && query.workPackage !== "none" ? Number(query.workPackage) : null,
    personId: query.owner.startsWith("p") ? Number(query.owner.slice(1)) : null,
    teamId: query.owner.startsWith("t") ? Number(query.owner.slice(1)) : null,
    since,
  };
  let flagsOf: ReadonlyMap<number, Flag[]> = new Map();
  let rows: ActionRow[];
  if (query.flag) {
    // A flag filter needs every candidate's flags before the page can be cut.
    flagsOf = flagsForProjects({ projectIds: [projectId], asOf }).result.actions;
    const kind = query.flag;
    rows = [];
    for (const row of st.page.all({ ...filters, limit: -1 }) as ActionRow[]) {
      const kinds = (flagsOf.get(row.id) ?? []).map((f) => f.kind);
      if (kind === "any" ? kinds.length > 0 : kinds.includes(kind)) rows.push(row);
      if (rows.length > limit) break;
    }
  } else {
    rows = st.page.all({ ...filters, limit: limit + 1 }) as ActionRow[];
  }
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  if (!query.flag && ids.length) flagsOf = flagsForActions({ actionIds: ids, asOf }).result.actions;

  // Where each row sits, as the plan groups it: under its stage's work package when its stage is
  // one of the project's, else under its own work package (if the project's), else under neither.
  const wps = new Map((st.workPackages.all(projectId) as Array<{ id: number; ref: string; name: string }>).map((w) => [w.id, w]));
  const stageRows = new Map((st.stages.all(projectId) as Array<{ id: number; workPackageId: number; name: string }>).map((s) => [s.id, s]));

  const owners = new Map<number, Array<{ kind: "person" | "team"; id: number; name: string }>>();
  const recs = new Map<number, string[]>();
  if (ids.length) {
    const json = JSON.stringify(ids);
    const ownerRows = st.owners.all({ ids: json }) as Array<{ actionId: number; personId: number | null; teamId: number | null; personName: string | null; teamName: string | null }>;
    for (const o of ownerRows) {
      const owner =
        o.personId !== null
          ? { kind: "person" as const, id: o.personId, name: o.personName ?? "Unknown" }
          : { kind: "team" as const, id: o.teamId!, name: o.teamName ?? "Unknown team" };
      const list = owners.get(o.actionId);
      if (list) list.push(owner);
      else owners.set(o.actionId, [owner]);
    }
    for (const r of st.recommendations.all({ ids: json, projectId }) as Array<{ actionId: number; ref: string }>) {
      const list = recs.get(r.actionId);
      if (list) list.push(r.ref);
      else recs.set(r.actionId, [r.ref]);
    }
  }
  const notes = latestNotes(ids, asOf);

  const data = page.map((r) => {
    const stage = r.stageId !== null ? stageRows.get(r.stageId) : undefined;
    const wp = stage ? wps.get(stage.workPackageId) : r.workPackageId !== null ? wps.get(r.workPackageId) : undefined;
    return {
      id: r.id,
      ref: r.ref,
      title: r.title,
      expectedOutcomes: r.expectedOutcomes,
      workPackage: wp ? { id: wp.id, ref: wp.ref, name: wp.name } : null,
      stage: stage ? { id: stage.id, name: stage.name } : null,
      owners: owners.get(r.id) ?? [],
      recommendations: (recs.get(r.id) ?? []).sort(compareRef),
      deadlineText: r.deadlineText,
      dueDate: r.dueDate,
      status: r.status,
      percentComplete: r.percentComplete,
      latestNote: notes.get(r.id) ?? null,
      asOf,
      flags: (flagsOf.get(r.id) ?? []).map((f) => serialiseFlag(f, canSee)),
    };
  });
  return { data, next: more ? encodeCursor(page[page.length - 1]!.id) : null };
}
