import { asc, eq, sql } from "drizzle-orm";
import { organisations, people } from "#db/schema";
import type { Conn } from "~/db.server";
import { getDb, write } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { UserInputError } from "~/utils/errors";

export type Person = typeof people.$inferSelect;

/** Everyone who can be named as a manager, lead or role holder, with their organisation's code. */
export function listPeople(db: Conn = getDb()) {
  return db
    .select({ id: people.id, name: people.name, initials: people.initials, email: people.email, organisationCode: organisations.code })
    .from(people)
    .leftJoin(organisations, eq(organisations.id, people.organisationId))
    .orderBy(asc(people.name))
    .all();
}

/** Options for a person select: "Priya Shah (PS, DBC)". */
export function peopleOptions(db: Conn = getDb()) {
  return listPeople(db).map((p) => ({
    value: p.id,
    label: `${p.name}${[p.initials, p.organisationCode].filter(Boolean).length ? ` (${[p.initials, p.organisationCode].filter(Boolean).join(", ")})` : ""}`,
  }));
}

export function listOrganisations(db: Conn = getDb()) {
  return db.select().from(organisations).orderBy(asc(organisations.name)).all();
}

export function personExists(db: Conn, personId: number) {
  return Boolean(db.select({ id: people.id }).from(people).where(eq(people.id, personId)).get());
}

export interface NewPerson {
  name: string;
  email: string | null;
  initials: string | null;
  organisationId: number | null;
}

/** Adds a person inside the caller's transaction (no login: they are named, not signed in). */
export function insertPerson(tx: Conn, { actor, projectId, ...input }: NewPerson & { actor: Actor; projectId?: number | null }) {
  const email = input.email ? input.email.toLowerCase() : null;
  if (email && tx.select({ id: people.id }).from(people).where(sql`lower(${people.email}) = ${email}`).get()) {
    throw new UserInputError({ email: "A person with this email address already exists: choose them from the list instead" });
  }
  if (input.organisationId && !tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, input.organisationId)).get()) {
    throw new UserInputError({ organisationId: "Choose an organisation from the list" });
  }
  const person = tx
    .insert(people)
    .values({ name: input.name, email, initials: input.initials ? input.initials.toUpperCase() : null, organisationId: input.organisationId })
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    event: "person.create",
    entityType: "person",
    entityId: person.id,
    projectId: projectId ?? null,
    after: { name: person.name, email: person.email, initials: person.initials, organisationId: person.organisationId },
  });
  return person;
}

export function createPerson(input: NewPerson & { actor: Actor }) {
  return write((tx) => insertPerson(tx, input));
}
