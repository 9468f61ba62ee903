// Teams: named groups that own actions ("CSIP project team"). A team belongs to a project or a
// programme (its managers keep it), or to neither (administrators keep it, any project may use
// it). Names are unique across the installation, as imports match teams by name. Every change is
// audited (entity "team").
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { actionOwners, actions, people, projects, teamMembers, teams } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import type { GovernanceScope } from "~/modules/board/service.server";
import { personExists } from "~/modules/people/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import type { TeamCreateInput } from "./forms";

const isProject = (s: GovernanceScope): s is { projectId: number } => "projectId" in s;

/** Teams a project's actions may name as owners: its own, its programme's, and shared ones. */
export function teamsAvailableTo({ projectId }: { projectId: number }, db: Conn = getDb()) {
  const project = db.select({ programmeId: projects.programmeId }).from(projects).where(eq(projects.id, projectId)).get();
  if (!project) notFound();
  const shared = and(isNull(teams.projectId), isNull(teams.programmeId));
  const where = project.programmeId
    ? or(eq(teams.projectId, projectId), and(isNull(teams.projectId), eq(teams.programmeId, project.programmeId)), shared)
    : or(eq(teams.projectId, projectId), shared);
  return db
    .select({
      id: teams.id,
      name: teams.name,
      projectId: teams.projectId,
      programmeId: teams.programmeId,
      members: sql<number>`(select count(*) from team_members m where m.team_id = "teams"."id")`,
      actions: sql<number>`(select count(distinct o.action_id) from action_owners o join actions a on a.id = o.action_id where o.team_id = "teams"."id" and a.project_id = ${projectId})`,
    })
    .from(teams)
    .where(where)
    .orderBy(asc(teams.name))
    .all()
    .map((t) => ({ ...t, ownTeam: t.projectId === projectId }));
}

/** The teams a scope lists: a project's available teams, or a programme's own. */
export function listTeams({ scope }: { scope: GovernanceScope }, db: Conn = getDb()) {
  if (isProject(scope)) return teamsAvailableTo(scope, db);
  return db
    .select({ id: teams.id, name: teams.name, projectId: teams.projectId, programmeId: teams.programmeId, members: sql<number>`(select count(*) from team_members m where m.team_id = "teams"."id")`, actions: sql<number>`0` })
    .from(teams)
    .where(and(isNull(teams.projectId), eq(teams.programmeId, scope.programmeId)))
    .orderBy(asc(teams.name))
    .all()
    .map((t) => ({ ...t, ownTeam: true }));
}

export function getTeam({ scope, teamId }: { scope: GovernanceScope; teamId: number }, db: Conn = getDb()) {
  const listed = Number.isInteger(teamId) ? listTeams({ scope }, db).find((t) => t.id === teamId) : undefined;
  if (!listed) notFound("Team not found");
  const members = db
    .select({ personId: people.id, name: people.name, initials: people.initials, email: people.email })
    .from(teamMembers)
    .innerJoin(people, eq(people.id, teamMembers.personId))
    .where(eq(teamMembers.teamId, teamId))
    .orderBy(asc(people.name))
    .all();
  return { ...listed, members };
}

function ownTeam(tx: Conn, scope: GovernanceScope, teamId: number) {
  const team = getTeam({ scope, teamId }, tx);
  if (!team.ownTeam) throw new UserInputError({ _form: isProject(scope) && team.programmeId ? "This team belongs to the programme: its programme managers change it." : "This team is shared by every project: an administrator changes it." });
  return team;
}

function nameFree(tx: Conn, name: string, exceptId?: number) {
  const clash = tx.select({ id: teams.id }).from(teams).where(sql`lower(${teams.name}) = lower(${name})`).get();
  if (clash && clash.id !== exceptId) throw new UserInputError({ name: "A team with this name already exists: choose another name" });
}

const auditProject = (scope: GovernanceScope) => (isProject(scope) ? scope.projectId : null);

export function createTeam({ actor, scope, name, memberIds }: TeamCreateInput & { actor: Actor; scope: GovernanceScope }) {
  return write((tx) => {
    nameFree(tx, name);
    const ids = [...new Set(memberIds)];
    for (const id of ids) if (!personExists(tx, id)) throw new UserInputError({ memberIds: "Choose people from the list" });
    const owner = isProject(scope) ? { projectId: scope.projectId, programmeId: null } : { projectId: null, programmeId: scope.programmeId };
    const team = tx.insert(teams).values({ name, ...owner }).returning().get();
    for (const personId of ids) tx.insert(teamMembers).values({ teamId: team.id, personId }).run();
    recordAudit(tx, { actor, event: "team.create", entityType: "team", entityId: team.id, projectId: auditProject(scope), after: { name, ...owner, memberIds: ids } });
    return team;
  });
}

export function renameTeam({ actor, scope, teamId, name }: { actor: Actor; scope: GovernanceScope; teamId: number; name: string }) {
  return write((tx) => {
    const team = ownTeam(tx, scope, teamId);
    if (team.name === name) return;
    nameFree(tx, name, teamId);
    tx.update(teams).set({ name }).where(eq(teams.id, teamId)).run();
    recordAudit(tx, { actor, event: "team.update", entityType: "team", entityId: teamId, projectId: auditProject(scope), before: { name: team.name }, after: { name } });
  });
}

export function addTeamMember({ actor, scope, teamId, personId }: { actor: Actor; scope: GovernanceScope; teamId: number; personId: number }) {
  return write((tx) => {
    const team = ownTeam(tx, scope, teamId);
    if (!personExists(tx, personId)) throw new UserInputError({ personId: "Choose a person from the list" });
    if (team.members.some((m) => m.personId === personId)) throw new UserInputError({ personId: "That person is already in the team" });
    tx.insert(teamMembers).values({ teamId, personId }).run();
    recordAudit(tx, { actor, event: "team.add_member", entityType: "team", entityId: teamId, projectId: auditProject(scope), after: { personId } });
  });
}

export function removeTeamMember({ actor, scope, teamId, personId }: { actor: Actor; scope: GovernanceScope; teamId: number; personId: number }) {
  return write((tx) => {
    const team = ownTeam(tx, scope, teamId);
    if (!team.members.some((m) => m.personId === personId)) throw new UserInputError({ personId: "That person is not in the team" });
    tx.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.personId, personId))).run();
    recordAudit(tx, { actor, event: "team.remove_member", entityType: "team", entityId: teamId, projectId: auditProject(scope), before: { personId } });
  });
}

/** Actions of the project the team owns (for the team's page). */
export function teamActions({ projectId, teamId }: { projectId: number; teamId: number }, db: Conn = getDb()) {
  return db
    .select({ id: actions.id, ref: actions.ref, title: actions.title, status: actions.status })
    .from(actionOwners)
    .innerJoin(actions, eq(actions.id, actionOwners.actionId))
    .where(and(eq(actionOwners.teamId, teamId), eq(actions.projectId, projectId)))
    .orderBy(asc(actions.id))
    .all();
}
