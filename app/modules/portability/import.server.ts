// Imports a version-1 project export (format.ts) in one transaction: all of it or nothing.
// Shared records are matched before they are created: the programme by slug, organisations by
// code, people by email (or by name when the file gives no email), teams by name.
import { and, eq, inArray, isNull } from "drizzle-orm";
import * as s from "#db/schema";
import { write, type Tx } from "~/db.server";
import { actionNode, describeCycle, findCycle, milestoneNode, type Edge, type NodeKey } from "~/modules/action/dependency-graph";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { importGovernance } from "~/modules/proposal/portability.server";
import { importRiskRegister } from "~/modules/risk/portability.server";
import { importBenefits } from "~/modules/benefit/portability.server";
import { milestoneKey, parseExport, personKey, type ProjectExport } from "./format";

/** The file was refused; `errors` are "path: message" lines. Nothing was written. */
export class ImportRefusedError extends Error {
  constructor(public errors: string[]) {
    super(errors.join("\n"));
    this.name = "ImportRefusedError";
  }
}

export interface ImportSummary {
  projectId: number;
  slug: string;
  counts: Record<string, number>;
  created: { programme: boolean; organisations: number; people: number; teams: number };
}

/** Validates `value` (parsed JSON) and imports it. Throws ImportRefusedError with every fault. */
export function importProject({ actor, value }: { actor: Actor; value: unknown }): ImportSummary {
  const parsed = parseExport(value);
  if (!parsed.ok) throw new ImportRefusedError(parsed.errors);
  const doc = parsed.data;
  const cycle = firstCycle(doc);
  if (cycle) throw new ImportRefusedError([cycle]);
  return write((tx) => importInto(tx, actor, doc));
}

function firstCycle(doc: ProjectExport): string | null {
  const actionIndex = new Map(doc.actions.map((a, i) => [a.ref, i]));
  const milestoneIndex = new Map(doc.milestones.map((m, i) => [milestoneKey(m), i]));
  const key = (end: { action: string } | { milestone: string }): NodeKey =>
    "action" in end ? actionNode(actionIndex.get(end.action)!) : milestoneNode(milestoneIndex.get(end.milestone)!);
  const label = (node: NodeKey) => {
    const i = Number(node.slice(2));
    return node.startsWith("a:") ? doc.actions[i].ref : doc.milestones[i].name;
  };
  const edges: Edge[] = [];
  for (const [i, d] of doc.dependencies.entries()) {
    const link = { from: key(d.predecessor), to: key(d.successor) };
    const found = findCycle(edges, link);
    if (found) return `dependencies[${i}]: closes a cycle ${describeCycle(found, label)}`;
    edges.push(link);
  }
  return null;
}

function importInto(tx: Tx, actor: Actor, doc: ProjectExport): ImportSummary {
  const p = doc.project;
  if (tx.select({ id: s.projects.id }).from(s.projects).where(eq(s.projects.slug, p.slug)).get()) {
    throw new ImportRefusedError([`project.slug: a project with the slug "${p.slug}" already exists here`]);
  }
  const created = { programme: false, organisations: 0, people: 0, teams: 0 };
  const audit = (event: string, entityType: string, entityId: number, after: Record<string, unknown>, projectId: number | null = null) =>
    recordAudit(tx, { actor, event, entityType, entityId, projectId, after, meta: { via: "import" } });

  let programmeId: number | null = null;
  if (doc.programme) {
    const existing = tx.select().from(s.programmes).where(eq(s.programmes.slug, doc.programme.slug)).get();
    if (existing) programmeId = existing.id;
    else {
      const row = tx.insert(s.programmes).values(doc.programme).returning().get();
      programmeId = row.id;
      created.programme = true;
      audit("programme.create", "programme", row.id, doc.programme);
    }
  }

  const orgId = new Map<string, number>();
  for (const o of doc.organisations) {
    const existing = tx.select().from(s.organisations).where(eq(s.organisations.code, o.code)).get();
    if (existing) orgId.set(o.code, existing.id);
    else {
      const row = tx.insert(s.organisations).values(o).returning().get();
      orgId.set(o.code, row.id);
      created.organisations++;
      audit("organisation.create", "organisation", row.id, o);
    }
  }
  const org = (code: string | null) => (code ? orgId.get(code)! : null);

  const personId = new Map<string, number>();
  for (const person of doc.people) {
    const existing = person.email
      ? tx.select().from(s.people).where(eq(s.people.email, person.email)).get()
      : tx.select().from(s.people).where(and(eq(s.people.name, person.name), isNull(s.people.email))).get();
    let id = existing?.id;
    if (!id) {
      const values = { ...person, organisationId: org(person.organisation) };
      const row = tx.insert(s.people).values(values).returning().get();
      id = row.id;
      created.people++;
      audit("person.create", "person", row.id, { name: row.name, email: row.email });
    }
    personId.set(person.name, personId.get(person.name) ?? id);
    personId.set(personKey(person), id);
  }
  const who = (ref: string | null) => (ref ? personId.get(ref)! : null);

  const teamId = new Map<string, number>();
  const createdTeamIds: number[] = [];
  for (const team of doc.teams) {
    let id = tx.select().from(s.teams).where(eq(s.teams.name, team.name)).get()?.id;
    if (!id) {
      id = tx.insert(s.teams).values({ name: team.name, organisationId: org(team.organisation) }).returning().get().id;
      created.teams++;
      createdTeamIds.push(id);
      audit("team.create", "team", id, { name: team.name });
    }
    teamId.set(team.name, id);
    for (const m of team.members) tx.insert(s.teamMembers).values({ teamId: id, personId: who(m)! }).onConflictDoNothing().run();
  }

  const project = tx
    .insert(s.projects)
    .values({
      programmeId,
      slug: p.slug,
      name: p.name,
      purpose: p.purpose,
      status: p.status,
      managerPersonId: who(p.manager),
      startDate: p.startDate,
      endDate: p.endDate,
      timeToleranceDays: p.timeToleranceDays,
      costTolerancePercent: p.costTolerancePercent,
      dueSoonDays: p.dueSoonDays,
      staleDays: p.staleDays,
    })
    .returning()
    .get();
  const projectId = project.id;

  for (const r of doc.roles) tx.insert(s.projectRoles).values({ projectId, personId: who(r.person)!, role: r.role }).onConflictDoNothing().run();

  const wpId = new Map<string, number>();
  const stageId = new Map<string, number>();
  for (const w of doc.workPackages) {
    const row = tx
      .insert(s.workPackages)
      .values({ projectId, ref: w.ref, name: w.name, description: w.description, leadPersonId: who(w.lead), position: w.position })
      .returning()
      .get();
    wpId.set(w.ref, row.id);
    for (const st of w.stages) {
      const stage = tx.insert(s.stages).values({ workPackageId: row.id, ...st }).returning().get();
      stageId.set(`${w.ref}\u0000${st.name}`, stage.id);
    }
  }
  for (const w of doc.workPackages)
    for (const to of w.feedsInto)
      tx.insert(s.workPackageLinks).values({ fromWorkPackageId: wpId.get(w.ref)!, toWorkPackageId: wpId.get(to)! }).run();

  const milestoneId = new Map<string, number>();
  for (const m of doc.milestones) {
    const { key: _key, ...values } = m;
    milestoneId.set(milestoneKey(m), tx.insert(s.milestones).values({ projectId, ...values }).returning().get().id);
  }
  const recId = new Map<string, number>();
  for (const r of doc.recommendations) recId.set(r.ref, tx.insert(s.recommendations).values({ projectId, ...r }).returning().get().id);

  const actionId = new Map<string, number>();
  let notes = 0;
  for (const a of doc.actions) {
    const row = tx
      .insert(s.actions)
      .values({
        projectId,
        workPackageId: a.workPackage ? wpId.get(a.workPackage)! : null,
        stageId: a.workPackage && a.stage ? stageId.get(`${a.workPackage}\u0000${a.stage}`)! : null,
        ref: a.ref,
        title: a.title,
        description: a.description,
        expectedOutcomes: a.expectedOutcomes,
        plannedStart: a.plannedStart,
        dueDate: a.due,
        deadlineText: a.deadlineText,
        baselineDueDate: a.baselineDue,
        status: a.status,
        blockedReason: a.status === "blocked" ? a.blockedReason : null,
        percentComplete: a.percentComplete,
        completedDate: a.completedDate,
        ...(a.createdAt ? { createdAt: a.createdAt, updatedAt: a.createdAt } : {}),
      })
      .returning()
      .get();
    actionId.set(a.ref, row.id);
    for (const ref of new Set(a.owners.people)) tx.insert(s.actionOwners).values({ actionId: row.id, personId: who(ref)! }).run();
    for (const name of new Set(a.owners.teams)) tx.insert(s.actionOwners).values({ actionId: row.id, teamId: teamId.get(name)! }).run();
    for (const ref of new Set(a.recommendations))
      tx.insert(s.actionRecommendations).values({ actionId: row.id, recommendationId: recId.get(ref)! }).run();
    for (const c of a.dueDateChanges)
      tx.insert(s.dueDateChanges)
        .values({
          actionId: row.id,
          oldDueDate: c.old,
          newDueDate: c.new,
          reason: c.reason,
          changedByPersonId: who(c.changedBy),
          ...(c.changedAt ? { changedAt: c.changedAt } : {}),
        })
        .run();
    for (const n of a.notes) {
      tx.insert(s.progressNotes)
        .values({
          actionId: row.id,
          authorPersonId: who(n.author),
          noteDate: n.date,
          body: n.body,
          statusChange: n.statusChange,
          percentComplete: n.percentComplete,
          ...(n.createdAt ? { createdAt: n.createdAt } : {}),
        })
        .run();
      notes++;
    }
  }

  for (const d of doc.dependencies) {
    const end = (e: { action: string } | { milestone: string }) =>
      "action" in e ? { a: actionId.get(e.action)!, m: null } : { a: null, m: milestoneId.get(e.milestone)! };
    const pred = end(d.predecessor);
    const succ = end(d.successor);
    tx.insert(s.dependencies)
      .values({
        predecessorActionId: pred.a,
        predecessorMilestoneId: pred.m,
        successorActionId: succ.a,
        successorMilestoneId: succ.m,
        lagDays: d.lagDays,
      })
      .run();
  }

  const riskCounts = importRiskRegister(tx, doc.riskRegister, { actor, projectId, who, actionId });
  const governanceCounts = importGovernance(tx, doc, { actor, projectId, programmeId, who, wpId });
  const benefitCounts = importBenefits(tx, doc, { actor, projectId, who, org });
  // Teams this import created belong to the new project, so its managers can keep them.
  if (createdTeamIds.length) tx.update(s.teams).set({ projectId }).where(inArray(s.teams.id, createdTeamIds)).run();
  const counts = {
    workPackages: doc.workPackages.length,
    stages: stageId.size,
    milestones: doc.milestones.length,
    recommendations: doc.recommendations.length,
    actions: doc.actions.length,
    progressNotes: notes,
    dependencies: doc.dependencies.length,
    roles: doc.roles.length,
    ...riskCounts,
    ...governanceCounts,
    ...benefitCounts,
  };
  recordAudit(tx, {
    actor,
    event: "project.import",
    entityType: "project",
    entityId: projectId,
    projectId,
    after: { slug: p.slug, name: p.name, programme: doc.programme?.slug ?? null },
    meta: { counts, created, exportedAt: doc.exportedAt ?? null },
  });
  return { projectId, slug: p.slug, counts, created };
}
