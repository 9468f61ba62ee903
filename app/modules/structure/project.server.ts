import { eq } from "drizzle-orm";
import { people, programmes, projects } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { personExists } from "~/modules/people/service.server";
import { UserInputError, notFound } from "~/utils/errors";
import { slugify } from "~/utils/forms";
import type { ProjectInput } from "./forms";
import { grantRole } from "./roles.server";

/** Words that are pages under /projects, so they cannot be a project's short name. */
const RESERVED = new Set(["new"]);

function uniqueSlug(tx: Conn, wanted: string | undefined, name: string, exceptId?: number) {
  const slug = wanted ?? slugify(name);
  if (slug.length < 2) throw new UserInputError({ slug: "Enter a short name for the web address" });
  if (RESERVED.has(slug)) throw new UserInputError({ slug: `"${slug}" cannot be used as a short name: choose a different one` });
  const taken = tx.select({ id: projects.id }).from(projects).where(eq(projects.slug, slug)).get();
  if (taken && taken.id !== exceptId) throw new UserInputError({ slug: "Another project already uses this short name: choose a different one" });
  return slug;
}

function checkReferences(tx: Conn, input: ProjectInput) {
  if (input.managerPersonId && !personExists(tx, input.managerPersonId)) throw new UserInputError({ managerPersonId: "Choose a person from the list" });
  if (input.programmeId && !tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, input.programmeId)).get()) {
    throw new UserInputError({ programmeId: "Choose a programme from the list" });
  }
}

function fields(input: ProjectInput) {
  return {
    name: input.name,
    purpose: input.purpose,
    status: input.status,
    managerPersonId: input.managerPersonId,
    startDate: input.startDate,
    endDate: input.endDate,
    timeToleranceDays: input.timeToleranceDays,
    costTolerancePercent: input.costTolerancePercent,
    dueSoonDays: input.dueSoonDays,
    staleDays: input.staleDays,
  };
}

/** Creates a project; its manager (if named) is given the project `manager` role. */
export function createProject({ actor, ...input }: ProjectInput & { actor: Actor }) {
  return write((tx) => {
    checkReferences(tx, input);
    const slug = uniqueSlug(tx, input.slug, input.name);
    const project = tx
      .insert(projects)
      .values({ ...fields(input), slug, programmeId: input.programmeId })
      .returning()
      .get();
    const { createdAt: _c, updatedAt: _u, id: _i, ...after } = project;
    recordAudit(tx, { actor, event: "project.create", entityType: "project", entityId: project.id, projectId: project.id, after });
    if (project.managerPersonId) grantRole(tx, { actor, projectId: project.id, personId: project.managerPersonId, role: "manager" });
    return project;
  });
}

/** Updates a project's fields (not its programme); a new manager is given the `manager` role. */
export function updateProject({ actor, projectId, ...input }: ProjectInput & { actor: Actor; projectId: number }) {
  return write((tx) => {
    const before = tx.select().from(projects).where(eq(projects.id, projectId)).get();
    if (!before) notFound();
    checkReferences(tx, { ...input, programmeId: null });
    const values = { ...fields(input), slug: uniqueSlug(tx, input.slug, input.name, projectId) };
    const diff = changes(before, values);
    if (!diff.changed) return before;
    const after = tx
      .update(projects)
      .set({ ...values, updatedAt: new Date().toISOString() })
      .where(eq(projects.id, projectId))
      .returning()
      .get();
    recordAudit(tx, { actor, event: "project.update", entityType: "project", entityId: projectId, projectId, before: diff.before, after: diff.after });
    if (after.managerPersonId && after.managerPersonId !== before.managerPersonId) {
      grantRole(tx, { actor, projectId, personId: after.managerPersonId, role: "manager" });
    }
    return after;
  });
}

export function projectManagerName({ projectId }: { projectId: number }) {
  return (
    getDb()
      .select({ name: people.name })
      .from(projects)
      .innerJoin(people, eq(people.id, projects.managerPersonId))
      .where(eq(projects.id, projectId))
      .get()?.name ?? null
  );
}
