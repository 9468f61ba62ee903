// Calendar events for pages and feeds: a project's or programme's items, or a person's own, only
// in projects the person may see now (checked at every call, so access removed means the items
// leave the feed). A fixed number of grouped queries whatever the number of items.
import type { Statement } from "better-sqlite3";
import { isStalled } from "~/modules/action/approval-rules";
import { reviewDueFlag } from "~/modules/action/risk-rules";
import { getSqlite } from "~/db.server";
import type { ActionFlag, IsoDate, MilestoneFlag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { visibleProgrammes, visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { graphFlags } from "~/modules/schedule/graph.server";
import type { CalendarEvent } from "./events";

type Db = ReturnType<typeof getSqlite>;

/** Which items: everything in some projects (and programme registers), or one person's own. */
export type EventScope = { kind: "projects"; projectIds: number[]; programmeIds: number[] } | { kind: "personal" };

const j = (ids: number[]) => JSON.stringify(ids);

/** Each statement prepared once per connection (a feed is polled often; preparing cost ~1 ms a request). */
const prepared = new WeakMap<Db, Map<string, Statement<unknown[]>>>();
function prep(db: Db, sql: string) {
  let byText = prepared.get(db);
  if (!byText) prepared.set(db, (byText = new Map()));
  let statement = byText.get(sql);
  if (!statement) byText.set(sql, (statement = db.prepare<unknown[]>(sql)));
  return statement;
}
const IN = (param: string) => `(select value from json_each(@${param}))`;

/** How often a date field moved, and when last: from the audit trail (one grouped query per entity type). */
function moves(db: Db, entityType: string, fields: string[]) {
  const anyField = fields.map((f) => `json_extract(after, '$.${f}') is not null`).join(" or ");
  const rows = prep(db, `select entity_id as id, count(*) as n, max(at) as at from audit_events where entity_type = ? and event like ? and (${anyField}) group by entity_id`)
    .all(entityType, `${entityType}.%`) as Array<{ id: string; n: number; at: string }>;
  return new Map(rows.map((r) => [Number(r.id), r]));
}

export function loadEvents({ user, scope, asOf }: { user: SessionUser; scope: EventScope; asOf: IsoDate }): CalendarEvent[] {
  const db = getSqlite();
  const visible = visibleProjects(user);
  const visibleIds = new Set(visible.map((p) => p.id));
  const personal = scope.kind === "personal";
  const projectIds = personal ? [...visibleIds] : scope.projectIds.filter((id) => visibleIds.has(id));
  const seesProgramme = new Set(visibleProgrammes(user).map((p) => p.id));
  const programmeIds = personal ? [...seesProgramme] : scope.programmeIds.filter((id) => seesProgramme.has(id));
  const params = { ids: j(projectIds), person: user.personId, personal: personal ? 1 : 0 };
  const events: CalendarEvent[] = [];

  // Actions: open ones; for a person, those they own (by name or team) or whose work package they lead.
  const actionRows = prep(
    db,
    `select a.id, a.project_id as projectId, p.slug, p.name as projectName, a.ref, a.title, a.due_date as dueDate,
              a.planned_start as plannedStart, a.work_package_id as workPackageId, a.created_at as createdAt,
              (select count(*) from due_date_changes c where c.action_id = a.id) as moves,
              (select max(changed_at) from due_date_changes c where c.action_id = a.id) as movedAt
       from actions a join projects p on p.id = a.project_id
       where a.project_id in ${IN("ids")} and a.status not in ('done', 'cancelled')
         and (a.due_date is not null or a.planned_start is not null)
         and (@personal = 0
              or exists (select 1 from action_owners o where o.action_id = a.id and (o.person_id = @person
                         or o.team_id in (select team_id from team_members where person_id = @person)))
              or exists (select 1 from work_packages w where w.id = a.work_package_id and w.lead_person_id = @person))`,
    )
    .all(params) as Array<{ id: number; projectId: number; slug: string; projectName: string; ref: string; title: string; dueDate: string | null; plannedStart: string | null; workPackageId: number | null; createdAt: string; moves: number; movedAt: string | null }>;
  const owners = new Map<number, string[]>();
  for (const o of prep(db, `select action_id as a, person_id as p, team_id as t from action_owners where action_id in ${IN("aids")}`)
    .all({ aids: j(actionRows.map((a) => a.id)) }) as Array<{ a: number; p: number | null; t: number | null }>) {
    const key = o.p !== null ? `p${o.p}` : `t${o.t}`;
    owners.set(o.a, [...(owners.get(o.a) ?? []), key]);
  }

  // Milestones: all in the projects; for a person, those of projects they hold a role in.
  const milestoneRows = prep(
    db,
    `select m.id, m.project_id as projectId, p.slug, p.name as projectName, m.name, m.target_date as targetDate,
              m.achieved_date as achievedDate, m.created_at as createdAt
       from milestones m join projects p on p.id = m.project_id
       where m.project_id in ${IN("ids")}
         and (@personal = 0 or exists (select 1 from project_roles r where r.project_id = m.project_id and r.person_id = @person))`,
    )
    .all(params) as Array<{ id: number; projectId: number; slug: string; projectName: string; name: string; targetDate: string; achievedDate: string | null; createdAt: string }>;

  // Flags, from the one shared rules path, for the projects whose items are shown.
  const flagProjects = [...new Set([...actionRows.map((a) => a.projectId), ...milestoneRows.map((m) => m.projectId)])];
  const flags = flagProjects.length ? flagsForProjects({ projectIds: flagProjects, asOf }, db).result : null;
  const flagsOf = (list: ReadonlyArray<ActionFlag | MilestoneFlag> | undefined) => graphFlags(list ?? [], visibleIds);

  for (const a of actionRows) {
    const common = { projectName: a.projectName, workPackageId: a.workPackageId, ownerKeys: owners.get(a.id) ?? [], href: `/projects/${a.slug}/actions/${a.id}`, title: `${a.ref} ${a.title}` };
    const f = flagsOf(flags?.actions.get(a.id));
    if (a.dueDate) events.push(Object.assign({}, common, { uid: `action-due-${a.id}`, kind: "action_due" as const, date: a.dueDate, flags: f, sequence: a.moves, lastModified: a.movedAt ?? a.createdAt }));
    if (a.plannedStart) events.push(Object.assign({}, common, { uid: `action-start-${a.id}`, kind: "action_start" as const, date: a.plannedStart, flags: [], sequence: 0, lastModified: a.createdAt }));
  }
  const milestoneMoves = moves(db, "milestone", ["targetDate"]);
  for (const m of milestoneRows) {
    const mv = milestoneMoves.get(m.id);
    events.push({
      uid: `milestone-${m.id}`,
      kind: "milestone",
      date: m.targetDate,
      title: m.achievedDate ? `${m.name} (achieved)` : m.name,
      href: `/projects/${m.slug}/milestones`,
      projectName: m.projectName,
      workPackageId: null,
      ownerKeys: [],
      flags: flagsOf(flags?.milestones.get(m.id)),
      sequence: mv?.n ?? 0,
      lastModified: mv?.at ?? m.createdAt,
    });
  }

  // Stage starts and ends: project calendars only.
  if (!personal) {
    const stageMoves = moves(db, "stage", ["plannedStart", "plannedEnd"]);
    const stageRows = prep(
    db,
    `select s.id, s.name, s.planned_start as plannedStart, s.planned_end as plannedEnd, s.created_at as createdAt,
                w.id as wpId, w.ref as wpRef, p.slug, p.name as projectName
         from stages s join work_packages w on w.id = s.work_package_id join projects p on p.id = w.project_id
         where w.project_id in ${IN("ids")} and (s.planned_start is not null or s.planned_end is not null)`,
      )
      .all(params) as Array<{ id: number; name: string; plannedStart: string | null; plannedEnd: string | null; createdAt: string; wpId: number; wpRef: string; slug: string; projectName: string }>;
    for (const s of stageRows) {
      const mv = stageMoves.get(s.id);
      const common = { title: `${s.wpRef} ${s.name}`, href: `/projects/${s.slug}/work-packages/${s.wpId}`, projectName: s.projectName, workPackageId: s.wpId, ownerKeys: [], flags: [], sequence: mv?.n ?? 0, lastModified: mv?.at ?? s.createdAt };
      if (s.plannedStart) events.push(Object.assign({}, common, { uid: `stage-start-${s.id}`, kind: "stage_start" as const, date: s.plannedStart }));
      if (s.plannedEnd) events.push(Object.assign({}, common, { uid: `stage-end-${s.id}`, kind: "stage_end" as const, date: s.plannedEnd }));
    }
  }

  // Ballot deadlines: open approval requests with the board; for a person, those awaiting their vote.
  const ballotRows = prep(
    db,
    `select r.id, r.deadline, r.created_at as createdAt, pr.id as proposalId, pr.title, p.slug, p.name as projectName, pr.work_package_id as workPackageId
       from approval_requests r join proposals pr on pr.id = r.proposal_id join projects p on p.id = pr.project_id
       where r.status = 'open' and pr.project_id in ${IN("ids")}
         and (@personal = 0 or exists (select 1 from ballots b where b.request_id = r.id and b.person_id = @person
                                       and b.decided_at is null and b.superseded_at is null))`,
    )
    .all(params) as Array<{ id: number; deadline: string; createdAt: string; proposalId: number; title: string; slug: string; projectName: string; workPackageId: number | null }>;
  for (const b of ballotRows) {
    events.push({ uid: `ballot-deadline-${b.id}`, kind: "ballot_deadline", date: b.deadline, title: b.title, href: `/projects/${b.slug}/proposals/${b.proposalId}`, projectName: b.projectName, workPackageId: b.workPackageId, ownerKeys: [], flags: isStalled({ status: "open", deadline: b.deadline }, asOf) ? [{ kind: "stalled", tag: "Stalled", text: "Stalled: the deadline has passed without a decision" }] : [], sequence: 0, lastModified: b.createdAt });
  }

  // Risk reviews: open risks with a next review date, in the projects' registers and the programmes'.
  const riskMoves = moves(db, "risk", ["nextReviewDate"]);
  const riskRows = prep(
    db,
    `select k.id, k.ref, k.title, k.next_review_date as reviewDate, k.owner_person_id as ownerId, k.created_at as createdAt,
              coalesce(p.slug, g.slug) as slug, coalesce(p.name, g.name) as scopeName, p.id is null as isProgramme
       from risks k join risk_registers rr on rr.id = k.register_id
       left join projects p on p.id = rr.project_id left join programmes g on g.id = rr.programme_id
       where k.status = 'open' and k.next_review_date is not null
         and (rr.project_id in ${IN("ids")} or rr.programme_id in ${IN("progs")})
         and (@personal = 0 or k.owner_person_id = @person)`,
    )
    .all({ ...params, progs: j(programmeIds) }) as Array<{ id: number; ref: string; title: string; reviewDate: string; ownerId: number | null; createdAt: string; slug: string; scopeName: string; isProgramme: number }>;
  for (const r of riskRows) {
    const mv = riskMoves.get(r.id);
    events.push({
      uid: `risk-review-${r.id}`,
      kind: "risk_review",
      date: r.reviewDate,
      title: `${r.ref} ${r.title}`,
      href: `/${r.isProgramme ? "programmes" : "projects"}/${r.slug}/risks/${r.id}`,
      projectName: r.scopeName,
      workPackageId: null,
      ownerKeys: r.ownerId ? [`p${r.ownerId}`] : [],
      flags: reviewDueFlag({ nextReviewDate: r.reviewDate }, asOf) ? [{ kind: "review_due", tag: "Review due", text: "Review due: the review date has passed" }] : [],
      sequence: mv?.n ?? 0,
      lastModified: mv?.at ?? r.createdAt,
    });
  }
  return events;
}

/** Filter options: the work packages of these projects, by project then position. */
export function workPackageOptions(projectIds: number[]) {
  if (!projectIds.length) return [];
  const several = projectIds.length > 1;
  return (
    getSqlite()
      .prepare(
        `select w.id, w.ref, w.name, p.name as projectName from work_packages w join projects p on p.id = w.project_id
         where w.project_id in ${IN("ids")} order by p.name, w.position, w.id`,
      )
      .all({ ids: j(projectIds) }) as Array<{ id: number; ref: string; name: string; projectName: string }>
  ).map((w) => ({ value: String(w.id), label: `${w.ref} ${w.name}${several ? ` (${w.projectName})` : ""}` }));
}

/** Filter options: the owners named on these events (people and teams), by name. */
export function ownerOptions(events: CalendarEvent[]) {
  const keys = new Set(events.flatMap((e) => e.ownerKeys));
  const personIds = [...keys].filter((k) => k.startsWith("p")).map((k) => Number(k.slice(1)));
  const teamIds = [...keys].filter((k) => k.startsWith("t")).map((k) => Number(k.slice(1)));
  const db = getSqlite();
  const rows = [
    ...(db.prepare(`select 'p' || id as value, name as label from people where id in ${IN("ids")}`).all({ ids: j(personIds) }) as Array<{ value: string; label: string }>),
    ...(db.prepare(`select 't' || id as value, name as label from teams where id in ${IN("ids")}`).all({ ids: j(teamIds) }) as Array<{ value: string; label: string }>),
  ];
  return rows.sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
}
