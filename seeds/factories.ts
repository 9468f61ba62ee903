// Factories that build records for the demo seed and for tests alike (shipped code: seeds/ never imports tests/).
// They insert directly, inside a transaction the caller holds; the caller records one audit event
// for the batch (the demo seed records "seed.demo").
import { scryptSync, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import * as s from "#db/schema";
import type { Conn } from "~/db.server";

type Insert<T extends { $inferInsert: unknown }> = Partial<T["$inferInsert"]>;

let counter = 0;
const next = () => ++counter;

const hashCache = new Map<string, string>();
/** Same format as app/modules/auth/password.server.ts, computed once per password to keep tests fast. */
export function passwordHash(password: string) {
  let hash = hashCache.get(password);
  if (!hash) {
    const N = 2 ** 15;
    const salt = randomBytes(16);
    const key = scryptSync(password.normalize("NFKC"), salt, 32, { N, r: 8, p: 1, maxmem: 128 * N * 8 * 2 });
    hash = `scrypt$${N}$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
    hashCache.set(password, hash);
  }
  return hash;
}

export const TEST_PASSWORD = "correct horse battery";

export function createOrganisation(tx: Conn, v: Insert<typeof s.organisations> = {}) {
  const n = next();
  return tx.insert(s.organisations).values({ name: `Council ${n}`, code: `C${n}`, ...v }).returning().get();
}

export function createPerson(tx: Conn, v: Insert<typeof s.people> = {}) {
  const n = next();
  const name = v.name ?? `Person ${n}`;
  return tx
    .insert(s.people)
    .values({
      name,
      email: v.email === undefined ? `person${n}@example.org` : v.email,
      initials: name.split(/\s+/).map((w) => w[0]).join("").toUpperCase(),
      ...v,
    })
    .returning()
    .get();
}

/** A person with a login. */
export function createUser(tx: Conn, v: Insert<typeof s.people> & { isAdmin?: boolean; password?: string } = {}) {
  const { isAdmin = false, password = TEST_PASSWORD, ...personValues } = v;
  const person = createPerson(tx, personValues);
  const user = tx
    .insert(s.users)
    .values({ personId: person.id, email: person.email!, passwordHash: passwordHash(password), isAdmin })
    .returning()
    .get();
  return { person, user };
}

export function createTeam(tx: Conn, v: Insert<typeof s.teams> = {}, memberIds: number[] = []) {
  const team = tx.insert(s.teams).values({ name: `Team ${next()}`, ...v }).returning().get();
  for (const personId of memberIds) tx.insert(s.teamMembers).values({ teamId: team.id, personId }).run();
  return team;
}

export function createProgramme(tx: Conn, v: Insert<typeof s.programmes> = {}) {
  const n = next();
  return tx.insert(s.programmes).values({ name: `Programme ${n}`, slug: `programme-${n}`, ...v }).returning().get();
}

export function createProject(tx: Conn, v: Insert<typeof s.projects> = {}) {
  const n = next();
  return tx.insert(s.projects).values({ name: `Project ${n}`, slug: `project-${n}`, ...v }).returning().get();
}

export function addRole(tx: Conn, projectId: number, personId: number, role: s.ProjectRole) {
  return tx.insert(s.projectRoles).values({ projectId, personId, role }).returning().get();
}

export function addProgrammeRole(tx: Conn, programmeId: number, personId: number, role: "manager" | "reader") {
  return tx.insert(s.programmeRoles).values({ programmeId, personId, role }).returning().get();
}

export function createWorkPackage(tx: Conn, projectId: number, v: Insert<typeof s.workPackages> = {}) {
  const n = next();
  return tx.insert(s.workPackages).values({ projectId, ref: `WP${n}`, name: `Work package ${n}`, position: n, ...v }).returning().get();
}

export function linkWorkPackages(tx: Conn, fromWorkPackageId: number, toWorkPackageId: number) {
  tx.insert(s.workPackageLinks).values({ fromWorkPackageId, toWorkPackageId }).run();
}

export function createStage(tx: Conn, workPackageId: number, v: Insert<typeof s.stages> = {}) {
  const n = next();
  return tx.insert(s.stages).values({ workPackageId, name: `Stage ${n}`, position: n, ...v }).returning().get();
}

export function createMilestone(tx: Conn, projectId: number, v: Insert<typeof s.milestones> & { targetDate: string }) {
  return tx
    .insert(s.milestones)
    .values({ projectId, name: `Milestone ${next()}`, baselineDate: v.targetDate, ...v })
    .returning()
    .get();
}

export function createRecommendation(tx: Conn, projectId: number, v: Insert<typeof s.recommendations> = {}) {
  const n = next();
  return tx.insert(s.recommendations).values({ projectId, ref: `R${n}`, title: `Recommendation ${n}`, ...v }).returning().get();
}

export function createAction(
  tx: Conn,
  projectId: number,
  v: Insert<typeof s.actions> & { ownerPersonIds?: number[]; ownerTeamIds?: number[]; recommendationIds?: number[] } = {},
) {
  const { ownerPersonIds = [], ownerTeamIds = [], recommendationIds = [], ...values } = v;
  const n = next();
  const action = tx
    .insert(s.actions)
    .values({ projectId, ref: String(n), title: `Action ${n}`, baselineDueDate: values.dueDate ?? null, ...values })
    .returning()
    .get();
  for (const personId of ownerPersonIds) tx.insert(s.actionOwners).values({ actionId: action.id, personId }).run();
  for (const teamId of ownerTeamIds) tx.insert(s.actionOwners).values({ actionId: action.id, teamId }).run();
  for (const recommendationId of recommendationIds)
    tx.insert(s.actionRecommendations).values({ actionId: action.id, recommendationId }).run();
  return action;
}

export function addProgressNote(tx: Conn, actionId: number, v: Insert<typeof s.progressNotes> & { noteDate: string; body: string }) {
  return tx.insert(s.progressNotes).values({ actionId, ...v }).returning().get();
}

export function addDependency(
  tx: Conn,
  pred: { actionId?: number; milestoneId?: number },
  succ: { actionId?: number; milestoneId?: number },
  lagDays = 0,
) {
  return tx
    .insert(s.dependencies)
    .values({
      predecessorActionId: pred.actionId ?? null,
      predecessorMilestoneId: pred.milestoneId ?? null,
      successorActionId: succ.actionId ?? null,
      successorMilestoneId: succ.milestoneId ?? null,
      lagDays,
    })
    .returning()
    .get();
}

/** A board (of a project or a programme) with its members. */
export function createBoard(tx: Conn, v: Insert<typeof s.boards> = {}, memberIds: number[] = []) {
  const board = tx.insert(s.boards).values({ name: `Board ${next()}`, ...v }).returning().get();
  for (const personId of memberIds) tx.insert(s.boardMembers).values({ boardId: board.id, personId }).run();
  return board;
}

/** Records that an action's due date moved (a slip) and sets the action's due date to the new one. */
export function addDueDateChange(
  tx: Conn,
  actionId: number,
  v: Insert<typeof s.dueDateChanges> & { oldDueDate: string | null; newDueDate: string | null },
) {
  const change = tx.insert(s.dueDateChanges).values({ actionId, ...v }).returning().get();
  tx.update(s.actions).set({ dueDate: v.newDueDate }).where(eq(s.actions.id, actionId)).run();
  return change;
}
