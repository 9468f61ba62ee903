import { and, asc, eq } from "drizzle-orm";
import { organisations, people, projectRoles, users, type ProjectRole } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { insertPerson, personExists, type NewPerson } from "~/modules/people/service.server";
import { UserInputError, notFound } from "~/utils/errors";

/** Gives a person a role on a project unless they already hold it; records the change. */
export function grantRole(tx: Conn, { actor, projectId, personId, role }: { actor: Actor; projectId: number; personId: number; role: ProjectRole }) {
  const existing = tx
    .select()
    .from(projectRoles)
    .where(and(eq(projectRoles.projectId, projectId), eq(projectRoles.personId, personId), eq(projectRoles.role, role)))
    .get();
  if (existing) return { row: existing, created: false };
  const row = tx.insert(projectRoles).values({ projectId, personId, role }).returning().get();
  recordAudit(tx, { actor, event: "project_role.add", entityType: "project_role", entityId: row.id, projectId, after: { personId, role } });
  return { row, created: true };
}

/** The project's people, one entry per person with every role they hold. */
export function listTeam({ projectId }: { projectId: number }) {
  const rows = getDb()
    .select({
      roleId: projectRoles.id,
      role: projectRoles.role,
      personId: people.id,
      name: people.name,
      email: people.email,
      initials: people.initials,
      organisation: organisations.code,
      userId: users.id,
    })
    .from(projectRoles)
    .innerJoin(people, eq(people.id, projectRoles.personId))
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .leftJoin(users, eq(users.personId, people.id))
    .where(eq(projectRoles.projectId, projectId))
    .orderBy(asc(people.name), asc(projectRoles.id))
    .all();
  const byPerson = new Map<number, { personId: number; name: string; email: string | null; initials: string | null; organisation: string | null; hasLogin: boolean; roles: Array<{ roleId: number; role: ProjectRole }> }>();
  for (const r of rows) {
    const entry = byPerson.get(r.personId) ?? {
      personId: r.personId,
      name: r.name,
      email: r.email,
      initials: r.initials,
      organisation: r.organisation,
      hasLogin: r.userId !== null,
      roles: [],
    };
    entry.roles.push({ roleId: r.roleId, role: r.role });
    byPerson.set(r.personId, entry);
  }
  return [...byPerson.values()];
}

export function getProjectRole({ projectId, roleId }: { projectId: number; roleId: number }) {
  const row = getDb()
    .select({ id: projectRoles.id, role: projectRoles.role, personId: projectRoles.personId, name: people.name })
    .from(projectRoles)
    .innerJoin(people, eq(people.id, projectRoles.personId))
    .where(and(eq(projectRoles.id, roleId), eq(projectRoles.projectId, projectId)))
    .get();
  if (!row) notFound();
  return row;
}

export function addProjectRole({ actor, projectId, personId, role }: { actor: Actor; projectId: number; personId: number; role: ProjectRole }) {
  return write((tx) => {
    if (!personExists(tx, personId)) throw new UserInputError({ personId: "Choose a person from the list" });
    const result = grantRole(tx, { actor, projectId, personId, role });
    if (!result.created) throw new UserInputError({ role: "This person already has that role on the project" });
    return result.row;
  });
}

/** Creates a person without a login and gives them a role, in one transaction. */
export function addNewPersonWithRole({ actor, projectId, role, ...person }: NewPerson & { actor: Actor; projectId: number; role: ProjectRole }) {
  return write((tx) => {
    const created = insertPerson(tx, { ...person, actor, projectId });
    return grantRole(tx, { actor, projectId, personId: created.id, role }).row;
  });
}

export function removeProjectRole({ actor, projectId, roleId }: { actor: Actor; projectId: number; roleId: number }) {
  return write((tx) => {
    const row = tx
      .select()
      .from(projectRoles)
      .where(and(eq(projectRoles.id, roleId), eq(projectRoles.projectId, projectId)))
      .get();
    if (!row) notFound();
    if (row.role === "manager") {
      const managers = tx
        .select({ id: projectRoles.id })
        .from(projectRoles)
        .where(and(eq(projectRoles.projectId, projectId), eq(projectRoles.role, "manager")))
        .all();
      if (managers.length <= 1) {
        throw new UserInputError({ _form: "A project must keep at least one manager: add another manager before removing this one" });
      }
    }
    tx.delete(projectRoles).where(eq(projectRoles.id, roleId)).run();
    recordAudit(tx, {
      actor,
      event: "project_role.remove",
      entityType: "project_role",
      entityId: roleId,
      projectId,
      before: { personId: row.personId, role: row.role },
    });
  });
}
