// Boards: a project's or a programme's, with members and a decision rule. Every change is audited
// (entity "board"), and the board's page shows that history. Reads and writes are scoped by the
// owner (project or programme), so a board of another project is "not found".
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { auditEvents, boardMembers, boards, people, projects } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { personExists } from "~/modules/people/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import type { BoardCreateInput, BoardEditInput } from "./forms";
import { describeBoardEvent } from "./history";

export type GovernanceScope = { projectId: number } | { programmeId: number };
const isProject = (s: GovernanceScope): s is { projectId: number } => "projectId" in s;

const memberCount = sql<number>`(select count(*) from board_members m where m.board_id = ${boards.id})`;

/** A project's boards and, read-only, its programme's; a programme's boards. */
export function listBoards({ scope }: { scope: GovernanceScope }, db: Conn = getDb()) {
  let where;
  if (isProject(scope)) {
    const project = db.select({ programmeId: projects.programmeId }).from(projects).where(eq(projects.id, scope.projectId)).get();
    if (!project) notFound();
    where = project.programmeId
      ? or(eq(boards.projectId, scope.projectId), and(isNull(boards.projectId), eq(boards.programmeId, project.programmeId)))
      : eq(boards.projectId, scope.projectId);
  } else {
    where = and(isNull(boards.projectId), eq(boards.programmeId, scope.programmeId));
  }
  return db
    .select({ id: boards.id, name: boards.name, projectId: boards.projectId, programmeId: boards.programmeId, decisionRule: boards.decisionRule, quorum: boards.quorum, castingVote: boards.castingVote, members: memberCount })
    .from(boards)
    .where(where)
    .orderBy(asc(boards.name), asc(boards.id))
    .all()
    .map((b) => ({ ...b, ownBoard: isProject(scope) ? b.projectId === scope.projectId : true }));
}

/** The board if it belongs to the scope (a project also reads its programme's boards), else 404. */
export function getBoard({ scope, boardId }: { scope: GovernanceScope; boardId: number }, db: Conn = getDb()) {
  const board = Number.isInteger(boardId) ? db.select().from(boards).where(eq(boards.id, boardId)).get() : undefined;
  if (!board) notFound("Board not found");
  const visible = listBoards({ scope }, db).find((b) => b.id === board.id);
  if (!visible) notFound("Board not found");
  const members = db
    .select({ personId: people.id, name: people.name, email: people.email, initials: people.initials })
    .from(boardMembers)
    .innerJoin(people, eq(people.id, boardMembers.personId))
    .where(eq(boardMembers.boardId, board.id))
    .orderBy(asc(people.name))
    .all();
  const chair = members.find((m) => m.personId === board.chairPersonId) ?? null;
  return { ...board, members, chair, ownBoard: visible.ownBoard };
}

/** Only the owner may change a board: a project manager reads, but does not change, the programme's board. */
function ownBoard(tx: Conn, scope: GovernanceScope, boardId: number) {
  const board = getBoard({ scope, boardId }, tx);
  if (!board.ownBoard) throw new UserInputError({ _form: "This board belongs to the programme: its programme managers change it." });
  return board;
}

const auditProject = (scope: GovernanceScope) => (isProject(scope) ? scope.projectId : null);
const ruleOf = (b: { name: string; decisionRule: string; quorum: number | null; castingVote: boolean; chairPersonId: number | null }) => ({
  name: b.name,
  decisionRule: b.decisionRule,
  quorum: b.quorum,
  castingVote: b.castingVote,
  chairPersonId: b.chairPersonId,
});

function checkPeople(tx: Conn, ids: number[], field: string) {
  for (const id of ids) if (!personExists(tx, id)) throw new UserInputError({ [field]: "Choose people from the list" });
}

export function createBoard({ actor, scope, ...input }: BoardCreateInput & { actor: Actor; scope: GovernanceScope }) {
  return write((tx) => {
    const memberIds = [...new Set(input.memberIds)];
    checkPeople(tx, memberIds, "memberIds");
    if (input.chairPersonId !== null && !memberIds.includes(input.chairPersonId))
      throw new UserInputError({ chairPersonId: "The chair must be one of the board’s members" });
    const owner = isProject(scope) ? { projectId: scope.projectId, programmeId: null } : { projectId: null, programmeId: scope.programmeId };
    const board = tx
      .insert(boards)
      .values({ ...owner, name: input.name, decisionRule: input.decisionRule, quorum: input.quorum, castingVote: input.castingVote, chairPersonId: input.chairPersonId })
      .returning()
      .get();
    for (const personId of memberIds) tx.insert(boardMembers).values({ boardId: board.id, personId }).run();
    recordAudit(tx, { actor, event: "board.create", entityType: "board", entityId: board.id, projectId: auditProject(scope), after: { ...ruleOf(board), ...owner, memberIds } });
    return board;
  });
}

export function updateBoard({ actor, scope, boardId, ...input }: BoardEditInput & { actor: Actor; scope: GovernanceScope; boardId: number }) {
  return write((tx) => {
    const before = ownBoard(tx, scope, boardId);
    if (input.chairPersonId !== null && !before.members.some((m) => m.personId === input.chairPersonId))
      throw new UserInputError({ chairPersonId: "The chair must be one of the board’s members" });
    const next = { name: input.name, decisionRule: input.decisionRule, quorum: input.quorum, castingVote: input.castingVote, chairPersonId: input.chairPersonId };
    const diff = changes(ruleOf(before), next);
    if (!diff.changed) return before;
    tx.update(boards).set(next).where(eq(boards.id, boardId)).run();
    recordAudit(tx, { actor, event: "board.update", entityType: "board", entityId: boardId, projectId: auditProject(scope), before: diff.before, after: diff.after });
    return { ...before, ...next };
  });
}

export function addBoardMember({ actor, scope, boardId, personId }: { actor: Actor; scope: GovernanceScope; boardId: number; personId: number }) {
  return write((tx) => {
    const board = ownBoard(tx, scope, boardId);
    checkPeople(tx, [personId], "personId");
    if (board.members.some((m) => m.personId === personId)) throw new UserInputError({ personId: "That person is already a member" });
    tx.insert(boardMembers).values({ boardId, personId }).run();
    recordAudit(tx, { actor, event: "board.add_member", entityType: "board", entityId: boardId, projectId: auditProject(scope), after: { personId } });
  });
}

export function removeBoardMember({ actor, scope, boardId, personId }: { actor: Actor; scope: GovernanceScope; boardId: number; personId: number }) {
  return write((tx) => {
    const board = ownBoard(tx, scope, boardId);
    if (!board.members.some((m) => m.personId === personId)) throw new UserInputError({ personId: "That person is not a member" });
    tx.delete(boardMembers).where(and(eq(boardMembers.boardId, boardId), eq(boardMembers.personId, personId))).run();
    // A chair who leaves takes the casting vote with them: the board has no chair until one is named.
    const chairLeft = board.chairPersonId === personId;
    if (chairLeft) tx.update(boards).set({ chairPersonId: null, castingVote: false }).where(eq(boards.id, boardId)).run();
    recordAudit(tx, {
      actor,
      event: "board.remove_member",
      entityType: "board",
      entityId: boardId,
      projectId: auditProject(scope),
      before: { personId, ...(chairLeft ? { chairPersonId: personId, castingVote: board.castingVote } : {}) },
      after: chairLeft ? { chairPersonId: null, castingVote: false } : null,
    });
  });
}

/** The board's history of changes, oldest first, from the audit trail, with people's names resolved. */
export function boardHistory({ scope, boardId }: { scope: GovernanceScope; boardId: number }, db: Conn = getDb()) {
  getBoard({ scope, boardId }, db);
  const events = db
    .select({ id: auditEvents.id, at: auditEvents.at, actor: auditEvents.actor, event: auditEvents.event, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, "board"), eq(auditEvents.entityId, String(boardId))))
    .orderBy(asc(auditEvents.id))
    .all();
  const parsed = events.map((e) => ({ ...e, before: parse(e.before), after: parse(e.after) }));
  const ids = new Set<number>();
  for (const e of parsed)
    for (const v of [e.before, e.after]) {
      if (typeof v?.personId === "number") ids.add(v.personId);
      if (typeof v?.chairPersonId === "number") ids.add(v.chairPersonId);
      if (Array.isArray(v?.memberIds)) for (const id of v.memberIds as number[]) ids.add(id);
    }
  const names = new Map(
    ids.size ? db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, [...ids])).all().map((p) => [p.id, p.name]) : [],
  );
  return parsed.map((e) => ({ id: e.id, at: e.at, actor: e.actor.replace(/ <.*>$/, ""), text: describeBoardEvent(e, (id) => names.get(id) ?? "a person no longer recorded") }));
}

const parse = (json: string | null) => (json ? (JSON.parse(json) as Record<string, unknown>) : null);
