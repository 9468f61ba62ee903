import { asc, eq, sql } from "drizzle-orm";
import { organisations, people } from "#db/schema";
import { getDb, write } from "~/db.server";
import { recordAudit, type Actor } from "~/modules/audit/service.server";
import { UserInputError } from "~/utils/errors";

export type Organisation = typeof organisations.$inferSelect;

/** Every organisation with how many people belong to it, by name. */
export function listOrganisations() {
  return getDb()
    .select({
      id: organisations.id,
      name: organisations.name,
      code: organisations.code,
      createdAt: organisations.createdAt,
      people: sql<number>`(select count(*) from ${people} where ${people.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .orderBy(asc(organisations.name))
    .all();
}

export function getOrganisation(id: number) {
  return getDb().select().from(organisations).where(eq(organisations.id, id)).get();
}

/** A council or partner body. Its short code ("DBC", "SDC") is unique, compared without regard to case. */
export function createOrganisation(actor: Actor, input: { name: string; code: string }) {
  const name = input.name.trim();
  const code = input.code.trim().toUpperCase();
  return write((tx) => {
    const clash = tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(sql`upper(${organisations.code}) = ${code}`)
      .get();
    if (clash) throw new UserInputError({ code: `The short code ${code} is already used by ${clash.name}` });
    const sameName = tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(sql`lower(${organisations.name}) = ${name.toLowerCase()}`)
      .get();
    if (sameName) throw new UserInputError({ name: `An organisation called ${name} already exists` });
    const created = tx.insert(organisations).values({ name, code }).returning().get();
    recordAudit(tx, {
      actor,
      event: "organisation.create",
      entityType: "organisation",
      entityId: created.id,
      after: { name: created.name, code: created.code },
    });
    return created;
  });
}
