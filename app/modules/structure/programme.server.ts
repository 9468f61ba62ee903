import { and, asc, eq, sql } from "drizzle-orm";
import { people, programmeRoles, programmes, type PROGRAMME_ROLES } from "#db/schema";
import { getDb, prepared, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { personExists } from "~/modules/people/service.server";
import { UserInputError, notFound } from "~/utils/errors";
import { slugify } from "~/utils/forms";

type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

export interface ProgrammeFields {
  name: string;
  slug?: string;
  description: string;
}

function uniqueSlug(tx: Conn, wanted: string | undefined, name: string, exceptId?: number) {
  const slug = wanted ?? slugify(name);
  if (slug.length < 2) throw new UserInputError({ slug: "Enter a short name for the web address" });
  if (slug === "new") throw new UserInputError({ slug: `"new" cannot be used as a short name: choose a different one` });
  const taken = tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, slug)).get();
  if (taken && taken.id !== exceptId) {
    throw new UserInputError({ slug: "Another programme already uses this short name: choose a different one" });
  }
  return slug;
}

export function createProgramme({ actor, ...input }: ProgrammeFields & { actor: Actor }) {
  return write((tx) => {
    const slug = uniqueSlug(tx, input.slug, input.name);
    const programme = tx.insert(programmes).values({ name: input.name, slug, description: input.description }).returning().get();
    recordAudit(tx, {
      actor,
      event: "programme.create",
      entityType: "programme",
      entityId: programme.id,
      after: { name: programme.name, slug, description: programme.description },
    });
    return programme;
  });
}

export function updateProgramme({ actor, programmeId, ...input }: ProgrammeFields & { actor: Actor; programmeId: number }) {
  return write((tx) => {
    const before = tx.select().from(programmes).where(eq(programmes.id, programmeId)).get();
    if (!before) notFound();
    const values = { name: input.name, slug: uniqueSlug(tx, input.slug, input.name, programmeId), description: input.description };
    const diff = changes(before, values);
    if (!diff.changed) return before;
    const after = tx
      .update(programmes)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(programmes.id, programmeId))
      .returning()
      .get();
    recordAudit(tx, { actor, event: "programme.update", entityType: "programme", entityId: programmeId, before: diff.before, after: diff.after });
    return after;
  });
}

export function listProgrammes(db: Conn = getDb()) {
  return db.select().from(programmes).orderBy(asc(programmes.name)).all();
}

export function listProgrammeRoles({ programmeId }: { programmeId: number }) {
  return getDb()
    .select({ id: programmeRoles.id, role: programmeRoles.role, personId: people.id, name: people.name, email: people.email })
    .from(programmeRoles)
    .innerJoin(people, eq(people.id, programmeRoles.personId))
    .where(eq(programmeRoles.programmeId, programmeId))
    .orderBy(asc(people.name), asc(programmeRoles.role))
    .all();
}

export function addProgrammeRole({ actor, programmeId, personId, role }: { actor: Actor; programmeId: number; personId: number; role: ProgrammeRole }) {
  return write((tx) => {
    if (!personExists(tx, personId)) throw new UserInputError({ personId: "Choose a person from the list" });
    const existing = tx
      .select({ id: programmeRoles.id })
      .from(programmeRoles)
      .where(and(eq(programmeRoles.programmeId, programmeId), eq(programmeRoles.personId, personId), eq(programmeRoles.role, role)))
      .get();
    if (existing) throw new UserInputError({ role: "This person already has that role on the programme" });
    const row = tx.insert(programmeRoles).values({ programmeId, personId, role }).returning().get();
    recordAudit(tx, { actor, event: "programme_role.add", entityType: "programme_role", entityId: row.id, after: { programmeId, personId, role } });
    return row;
  });
}

export function removeProgrammeRole({ actor, programmeId, roleId }: { actor: Actor; programmeId: number; roleId: number }) {
  return write((tx) => {
    const row = tx
      .select()
      .from(programmeRoles)
      .where(and(eq(programmeRoles.id, roleId), eq(programmeRoles.programmeId, programmeId)))
      .get();
    if (!row) notFound();
    tx.delete(programmeRoles).where(eq(programmeRoles.id, roleId)).run();
    recordAudit(tx, {
      actor,
      event: "programme_role.remove",
      entityType: "programme_role",
      entityId: roleId,
      before: { programmeId, personId: row.personId, role: row.role },
    });
  });
}

/** The name and slug of a project's programme, for breadcrumbs. */
export function programmeSummary(programmeId: number | null) {
  if (!programmeId) return null;
  const byId = prepared("programme summary", (db) => db.select({ slug: programmes.slug, name: programmes.name }).from(programmes).where(eq(programmes.id, sql.placeholder("id"))).prepare());
  return byId.get({ id: programmeId }) ?? null;
}
