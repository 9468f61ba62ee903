// Builds a version-1 export of one project (format.ts). Reads only; a fixed number of queries.
import { asc, eq, inArray, or } from "drizzle-orm";
import * as s from "#db/schema";
import { getDb, type Conn } from "~/db.server";
import { exportGovernance, governancePersonIds } from "~/modules/proposal/portability.server";
import { exportRiskRegister, riskPersonIds } from "~/modules/risk/portability.server";
import { benefitReferences, exportBenefits } from "~/modules/benefit/portability.server";
import { FORMAT, FORMAT_VERSION, personKey, type ProjectExport } from "./format";

export class ProjectNotFoundError extends Error {}

export function exportProject({ slug }: { slug: string }, db: Conn = getDb()): ProjectExport {
  const project = db.select().from(s.projects).where(eq(s.projects.slug, slug)).get();
  if (!project) throw new ProjectNotFoundError(`No project with the slug "${slug}".`);
  const programme = project.programmeId
    ? db.select().from(s.programmes).where(eq(s.programmes.id, project.programmeId)).get()
    : undefined;

  const workPackages = db.select().from(s.workPackages).where(eq(s.workPackages.projectId, project.id)).orderBy(asc(s.workPackages.position), asc(s.workPackages.id)).all();
  const wpIds = workPackages.map((w) => w.id);
  const wpRef = new Map(workPackages.map((w) => [w.id, w.ref]));
  const links = wpIds.length ? db.select().from(s.workPackageLinks).where(inArray(s.workPackageLinks.fromWorkPackageId, wpIds)).all() : [];
  const stages = wpIds.length ? db.select().from(s.stages).where(inArray(s.stages.workPackageId, wpIds)).orderBy(asc(s.stages.position), asc(s.stages.id)).all() : [];
  const stageName = new Map(stages.map((st) => [st.id, st.name]));
  const milestones = db.select().from(s.milestones).where(eq(s.milestones.projectId, project.id)).orderBy(asc(s.milestones.id)).all();
  const recommendations = db.select().from(s.recommendations).where(eq(s.recommendations.projectId, project.id)).orderBy(asc(s.recommendations.id)).all();
  const actions = db.select().from(s.actions).where(eq(s.actions.projectId, project.id)).orderBy(asc(s.actions.id)).all();
  const someActions = db.select({ id: s.actions.id }).from(s.actions).where(eq(s.actions.projectId, project.id));
  const owners = db.select().from(s.actionOwners).where(inArray(s.actionOwners.actionId, someActions)).orderBy(asc(s.actionOwners.id)).all();
  const actionRecs = db.select().from(s.actionRecommendations).where(inArray(s.actionRecommendations.actionId, someActions)).all();
  const changes = db.select().from(s.dueDateChanges).where(inArray(s.dueDateChanges.actionId, someActions)).orderBy(asc(s.dueDateChanges.id)).all();
  const notes = db.select().from(s.progressNotes).where(inArray(s.progressNotes.actionId, someActions)).orderBy(asc(s.progressNotes.noteDate), asc(s.progressNotes.id)).all();
  const deps = db
    .select()
    .from(s.dependencies)
    .where(
      or(
        inArray(s.dependencies.successorActionId, someActions),
        inArray(
          s.dependencies.successorMilestoneId,
          db.select({ id: s.milestones.id }).from(s.milestones).where(eq(s.milestones.projectId, project.id)),
        ),
      ),
    )
    .orderBy(asc(s.dependencies.id))
    .all();
  const roles = db.select().from(s.projectRoles).where(eq(s.projectRoles.projectId, project.id)).orderBy(asc(s.projectRoles.id)).all();

  // Teams that own actions, and the project's own teams, with their members.
  const ownTeams = db.select({ id: s.teams.id }).from(s.teams).where(eq(s.teams.projectId, project.id)).all().map((t) => t.id);
  const teamIds = [...new Set([...owners.map((o) => o.teamId).filter((id): id is number => id != null), ...ownTeams])];
  const teams = teamIds.length ? db.select().from(s.teams).where(inArray(s.teams.id, teamIds)).orderBy(asc(s.teams.name)).all() : [];
  const members = teamIds.length ? db.select().from(s.teamMembers).where(inArray(s.teamMembers.teamId, teamIds)).all() : [];

  // Every person referenced anywhere.
  const personIds = new Set<number>();
  const add = (id: number | null | undefined) => id != null && personIds.add(id);
  add(project.managerPersonId);
  roles.forEach((r) => add(r.personId));
  workPackages.forEach((w) => add(w.leadPersonId));
  owners.forEach((o) => add(o.personId));
  changes.forEach((c) => add(c.changedByPersonId));
  notes.forEach((n) => add(n.authorPersonId));
  members.forEach((m) => add(m.personId));
  riskPersonIds(db, project.id).forEach(add);
  const benefitRefs = benefitReferences(db, project.id);
  benefitRefs.people.forEach(add);
  governancePersonIds(db, project.id).forEach(add);
  const people = personIds.size ? db.select().from(s.people).where(inArray(s.people.id, [...personIds])).orderBy(asc(s.people.id)).all() : [];
  const personRef = new Map(people.map((p) => [p.id, personKey(p)]));
  const ref = (id: number | null) => (id == null ? null : personRef.get(id)!);

  const orgIds = new Set<number>();
  people.forEach((p) => p.organisationId != null && orgIds.add(p.organisationId));
  teams.forEach((t) => t.organisationId != null && orgIds.add(t.organisationId));
  benefitRefs.orgs.forEach((id) => orgIds.add(id));
  const organisations = orgIds.size ? db.select().from(s.organisations).where(inArray(s.organisations.id, [...orgIds])).orderBy(asc(s.organisations.code)).all() : [];
  const orgCode = new Map(organisations.map((o) => [o.id, o.code]));

  // Milestones are named by name, or "name #id" when two share a name.
  const nameCount = new Map<string, number>();
  milestones.forEach((m) => nameCount.set(m.name, (nameCount.get(m.name) ?? 0) + 1));
  const msKey = new Map(milestones.map((m) => [m.id, nameCount.get(m.name)! > 1 ? `${m.name} #${m.id}` : m.name]));
  const actionRef = new Map(actions.map((a) => [a.id, a.ref]));
  const recRef = new Map(recommendations.map((r) => [r.id, r.ref]));
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const group = <T, K>(list: T[], key: (t: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of list) {
      const k = key(item);
      if (!map.has(k)) map.set(k, []);
      map.get(k)!.push(item);
    }
    return map;
  };
  const ownersOf = group(owners, (o) => o.actionId);
  const recsOf = group(actionRecs, (r) => r.actionId);
  const changesOf = group(changes, (c) => c.actionId);
  const notesOf = group(notes, (n) => n.actionId);
  const stagesOf = group(stages, (st) => st.workPackageId);
  const linksOf = group(links, (l) => l.fromWorkPackageId);
  const membersOf = group(members, (m) => m.teamId);

  const end = (actionId: number | null, milestoneId: number | null) => {
    if (actionId != null) return actionRef.has(actionId) ? { action: actionRef.get(actionId)! } : null;
    return milestoneId != null && msKey.has(milestoneId) ? { milestone: msKey.get(milestoneId)! } : null;
  };

  const doc: ProjectExport = {
    format: FORMAT,
    version: FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    project: {
      slug: project.slug,
      name: project.name,
      purpose: project.purpose,
      status: project.status,
      manager: ref(project.managerPersonId),
      startDate: project.startDate,
      endDate: project.endDate,
      timeToleranceDays: project.timeToleranceDays,
      costTolerancePercent: project.costTolerancePercent,
      dueSoonDays: project.dueSoonDays,
      staleDays: project.staleDays,
    },
    programme: programme ? { slug: programme.slug, name: programme.name, description: programme.description } : null,
    organisations: organisations.map((o) => ({ code: o.code, name: o.name })),
    people: people.map((p) => ({
      name: p.name,
      email: p.email,
      initials: p.initials,
      jobTitle: p.jobTitle,
      organisation: p.organisationId == null ? null : orgCode.get(p.organisationId)!,
    })),
    teams: teams.map((t) => ({
      name: t.name,
      organisation: t.organisationId == null ? null : orgCode.get(t.organisationId)!,
      members: (membersOf.get(t.id) ?? []).map((m) => ref(m.personId)!),
    })),
    roles: roles.map((r) => ({ person: ref(r.personId)!, role: r.role })),
    workPackages: workPackages.map((w) => ({
      ref: w.ref,
      name: w.name,
      description: w.description,
      lead: ref(w.leadPersonId),
      position: w.position,
      feedsInto: (linksOf.get(w.id) ?? []).map((l) => wpRef.get(l.toWorkPackageId)!).filter(Boolean),
      stages: (stagesOf.get(w.id) ?? []).map((st) => ({
        name: st.name,
        position: st.position,
        plannedStart: st.plannedStart,
        plannedEnd: st.plannedEnd,
        datesNote: st.datesNote,
      })),
    })),
    milestones: milestones.map((m) => ({
      ...(msKey.get(m.id) !== m.name ? { key: msKey.get(m.id)! } : {}),
      name: m.name,
      description: m.description,
      targetDate: m.targetDate,
      baselineDate: m.baselineDate,
      achievedDate: m.achievedDate,
    })),
    recommendations: recommendations.map((r) => ({ ref: r.ref, title: r.title, body: r.body, source: r.source })),
    actions: actions.map((a) => ({
      ref: a.ref,
      title: a.title,
      description: a.description,
      expectedOutcomes: a.expectedOutcomes,
      workPackage: a.workPackageId == null ? null : wpRef.get(a.workPackageId)!,
      stage: a.stageId == null ? null : stageName.get(a.stageId) ?? null,
      plannedStart: a.plannedStart,
      due: a.dueDate,
      deadlineText: a.deadlineText,
      baselineDue: a.baselineDueDate,
      status: a.status,
      blockedReason: a.blockedReason,
      percentComplete: a.percentComplete,
      completedDate: a.completedDate,
      createdAt: a.createdAt,
      owners: {
        people: (ownersOf.get(a.id) ?? []).filter((o) => o.personId != null).map((o) => ref(o.personId)!),
        teams: (ownersOf.get(a.id) ?? []).filter((o) => o.teamId != null).map((o) => teamName.get(o.teamId!)!),
      },
      recommendations: (recsOf.get(a.id) ?? []).map((r) => recRef.get(r.recommendationId)!).filter(Boolean),
      dueDateChanges: (changesOf.get(a.id) ?? []).map((c) => ({
        old: c.oldDueDate,
        new: c.newDueDate,
        reason: c.reason,
        changedBy: ref(c.changedByPersonId),
        changedAt: c.changedAt,
      })),
      notes: (notesOf.get(a.id) ?? []).map((n) => ({
        date: n.noteDate,
        author: ref(n.authorPersonId),
        body: n.body,
        statusChange: n.statusChange,
        percentComplete: n.percentComplete,
        createdAt: n.createdAt,
      })),
    })),
    // Links to items in other projects cannot travel with this one and are left out.
    dependencies: deps.flatMap((d) => {
      const predecessor = end(d.predecessorActionId, d.predecessorMilestoneId);
      const successor = end(d.successorActionId, d.successorMilestoneId);
      return predecessor && successor ? [{ predecessor, successor, lagDays: d.lagDays }] : [];
    }),
    riskRegister: exportRiskRegister(db, project.id, { person: ref, actionRef }),
    ...exportGovernance(db, project.id, { person: ref, wpRef }),
    ...exportBenefits(db, project.id, { person: ref, org: (id) => (id == null ? null : orgCode.get(id)!) }),
  };
  return doc;
}
