// Proposals: drafting, versions, and trade-union consultation. Board approval is in ~/modules/approval.
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import {
  consultationReplies,
  consultationResponses,
  people,
  projectRoles,
  projects,
  proposalVersions,
  proposals,
  workPackages,
  type ConsultationPosition,
  type ProposalStatus,
} from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { consultationEmail } from "~/modules/approval/emails";
import { sendMail } from "~/modules/mail/mailer.server";
import { notFound, UserInputError } from "~/utils/errors";
import { canSeeProposal } from "./visibility";

export type Proposal = typeof proposals.$inferSelect;
export type ProposalVersion = typeof proposalVersions.$inferSelect;

export interface ProposalFields {
  title: string;
  workPackageId: number | null;
  body: string;
  optionsConsidered: string;
  recommendation: string;
}

/** Who may read consultation comments: they can reveal trade-union membership (special-category data). */
export function canSeeConsultation(access: { canManage: boolean; roles: Set<string> }) {
  return access.canManage || access.roles.has("board_member") || access.roles.has("consultee");
}

/** The project's proposals; without `includeDrafts` (for consultees) drafts are left out. */
export function listProposals({ projectId, includeDrafts = true }: { projectId: number; includeDrafts?: boolean }, db: Conn = getDb()) {
  return db
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      currentVersion: proposals.currentVersion,
      updatedAt: proposals.updatedAt,
      workPackage: workPackages.name,
      workPackageRef: workPackages.ref,
    })
    .from(proposals)
    .leftJoin(workPackages, eq(workPackages.id, proposals.workPackageId))
    .where(and(eq(proposals.projectId, projectId), includeDrafts ? undefined : ne(proposals.status, "draft")))
    .orderBy(desc(proposals.updatedAt))
    .all();
}

export function getProposal({ projectId, proposalId }: { projectId: number; proposalId: number }, db: Conn = getDb()) {
  const proposal = db
    .select()
    .from(proposals)
    .where(and(eq(proposals.id, proposalId), eq(proposals.projectId, projectId)))
    .get();
  if (!proposal) notFound("Proposal not found");
  return proposal;
}

/**
 * The proposal, if this person may see it at its stage: a draft answers 404 to a consultee, the
 * same page as for a proposal that does not exist.
 */
export function getVisibleProposal(
  { projectId, proposalId, access }: { projectId: number; proposalId: number; access: { canManage: boolean; roles: ReadonlySet<string> } },
  db: Conn = getDb(),
) {
  const proposal = getProposal({ projectId, proposalId }, db);
  if (!canSeeProposal(access, proposal.status)) notFound("Proposal not found");
  return proposal;
}

export function listVersions({ projectId, proposalId }: { projectId: number; proposalId: number }, db: Conn = getDb()) {
  getProposal({ projectId, proposalId }, db);
  return db
    .select({ version: proposalVersions, author: people.name })
    .from(proposalVersions)
    .leftJoin(people, eq(people.id, proposalVersions.authorPersonId))
    .where(eq(proposalVersions.proposalId, proposalId))
    .orderBy(asc(proposalVersions.number))
    .all()
    .map((r) => ({ ...r.version, author: r.author }));
}

export function getVersion(
  { projectId, proposalId, number }: { projectId: number; proposalId: number; number?: number },
  db: Conn = getDb(),
) {
  const proposal = getProposal({ projectId, proposalId }, db);
  const version = db
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.number, number ?? proposal.currentVersion)))
    .get();
  if (!version) notFound("Version not found");
  return { proposal, version };
}

export function workPackageOptions({ projectId }: { projectId: number }, db: Conn = getDb()) {
  return db
    .select({ value: workPackages.id, ref: workPackages.ref, name: workPackages.name })
    .from(workPackages)
    .where(eq(workPackages.projectId, projectId))
    .orderBy(asc(workPackages.position))
    .all()
    .map((w) => ({ value: w.value, label: `${w.ref} ${w.name}` }));
}

function checkWorkPackage(tx: Conn, projectId: number, workPackageId: number | null) {
  if (workPackageId === null) return;
  const wp = tx
    .select({ id: workPackages.id })
    .from(workPackages)
    .where(and(eq(workPackages.id, workPackageId), eq(workPackages.projectId, projectId)))
    .get();
  if (!wp) throw new UserInputError({ workPackageId: "Choose a work package of this project" });
}

export function createProposal({ actor, projectId, ...input }: ProposalFields & { actor: Actor; projectId: number }) {
  return write((tx) => {
    checkWorkPackage(tx, projectId, input.workPackageId);
    const proposal = tx
      .insert(proposals)
      .values({ projectId, workPackageId: input.workPackageId, title: input.title, createdByPersonId: actor.personId })
      .returning()
      .get();
    tx.insert(proposalVersions)
      .values({
        proposalId: proposal.id,
        number: 1,
        title: input.title,
        body: input.body,
        optionsConsidered: input.optionsConsidered,
        recommendation: input.recommendation,
        authorPersonId: actor.personId,
      })
      .run();
    recordAudit(tx, { actor, event: "proposal.create", entityType: "proposal", entityId: proposal.id, projectId, after: { ...input, status: "draft" } });
    return proposal;
  });
}

const EDITABLE: ProposalStatus[] = ["draft", "in_consultation", "with_board", "rejected", "deferred"];

/**
 * Edits a proposal. While it is a draft the one version is changed in place; once it has left
 * draft, every edit makes a new version so what consultees and the board saw stays readable.
 * `baseVersion` is the version the form was built from: an edit on top of a newer one is refused.
 */
export function editProposal({
  actor,
  projectId,
  proposalId,
  baseVersion,
  ...input
}: ProposalFields & { actor: Actor; projectId: number; proposalId: number; baseVersion: number }) {
  return write((tx) => {
    const { proposal, version } = getVersion({ projectId, proposalId }, tx);
    if (!EDITABLE.includes(proposal.status))
      throw new UserInputError({ _form: "An approved or implemented proposal cannot be changed. Draft a new proposal instead." });
    if (baseVersion !== proposal.currentVersion)
      throw new UserInputError({ _form: `Someone saved version ${proposal.currentVersion} while you were editing. Reload the page and make your change again.` });
    checkWorkPackage(tx, projectId, input.workPackageId);
    const fields = { title: input.title, body: input.body, optionsConsidered: input.optionsConsidered, recommendation: input.recommendation };
    let number = version.number;
    if (proposal.status === "draft") {
      tx.update(proposalVersions).set(fields).where(eq(proposalVersions.id, version.id)).run();
    } else {
      number = version.number + 1;
      tx.insert(proposalVersions).values({ proposalId, number, authorPersonId: actor.personId, ...fields }).run();
    }
    tx.update(proposals)
      .set({ title: input.title, workPackageId: input.workPackageId, currentVersion: number, updatedAt: new Date().toISOString() })
      .where(eq(proposals.id, proposalId))
      .run();
    recordAudit(tx, {
      actor,
      event: "proposal.edit",
      entityType: "proposal",
      entityId: proposalId,
      projectId,
      before: { version: version.number, title: version.title },
      after: { version: number, ...input },
    });
    return { number };
  });
}

export function projectPeopleWithRole(tx: Conn, projectId: number, role: "consultee" | "manager") {
  return tx
    .select({ personId: people.id, name: people.name, email: people.email })
    .from(projectRoles)
    .innerJoin(people, eq(people.id, projectRoles.personId))
    .where(and(eq(projectRoles.projectId, projectId), eq(projectRoles.role, role)))
    .all();
}

/** Opens consultation on the current version and emails each of the project's consultees. */
export async function openConsultation({ actor, projectId, proposalId }: { actor: Actor; projectId: number; proposalId: number }) {
  const { proposal, consultees, project } = write((tx) => {
    const proposal = getProposal({ projectId, proposalId }, tx);
    if (proposal.status !== "draft" && proposal.status !== "deferred" && proposal.status !== "rejected")
      throw new UserInputError({ _form: "Consultation can only be opened on a draft, or on a proposal the board deferred or rejected." });
    tx.update(proposals).set({ status: "in_consultation", updatedAt: new Date().toISOString() }).where(eq(proposals.id, proposalId)).run();
    recordAudit(tx, {
      actor,
      event: "proposal.consultation_open",
      entityType: "proposal",
      entityId: proposalId,
      projectId,
      before: { status: proposal.status },
      after: { status: "in_consultation", version: proposal.currentVersion },
    });
    const project = tx.select().from(projects).where(eq(projects.id, projectId)).get()!;
    return { proposal, consultees: projectPeopleWithRole(tx, projectId, "consultee"), project };
  });
  const link = `${getEnv().APP_URL}/projects/${project.slug}/proposals/${proposalId}/consultation`;
  for (const c of consultees) {
    if (!c.email) continue;
    await sendMail({
      ...consultationEmail({ to: c.email, name: c.name, projectName: project.name, title: proposal.title, link }),
      dedupeKey: `consultation:${proposalId}:v${proposal.currentVersion}:${c.personId}`,
    });
  }
  return { emailed: consultees.filter((c) => c.email).length };
}

export function recordResponse({
  actor,
  projectId,
  proposalId,
  position,
  comment,
}: { actor: Actor; projectId: number; proposalId: number; position: ConsultationPosition; comment: string }) {
  return write((tx) => {
    const { proposal, version } = getVersion({ projectId, proposalId }, tx);
    if (proposal.status !== "in_consultation") throw new UserInputError({ _form: "This proposal is not open for consultation." });
    if (!actor.personId) throw new UserInputError({ _form: "Sign in to respond." });
    const row = tx
      .insert(consultationResponses)
      .values({ proposalVersionId: version.id, consulteePersonId: actor.personId, position, comment })
      .returning()
      .get();
    // The comment itself stays out of the audit trail: the trail is readable more widely than the comment.
    recordAudit(tx, { actor, event: "consultation.respond", entityType: "consultation_response", entityId: row.id, projectId, after: { proposalId, version: version.number, position } });
    return row;
  });
}

export function recordReply({ actor, projectId, proposalId, responseId, body }: { actor: Actor; projectId: number; proposalId: number; responseId: number; body: string }) {
  return write((tx) => {
    getProposal({ projectId, proposalId }, tx);
    const response = tx
      .select({ id: consultationResponses.id })
      .from(consultationResponses)
      .innerJoin(proposalVersions, eq(proposalVersions.id, consultationResponses.proposalVersionId))
      .where(and(eq(consultationResponses.id, responseId), eq(proposalVersions.proposalId, proposalId)))
      .get();
    if (!response) notFound("Response not found");
    const row = tx.insert(consultationReplies).values({ responseId, authorPersonId: actor.personId, body }).returning().get();
    recordAudit(tx, { actor, event: "consultation.reply", entityType: "consultation_reply", entityId: row.id, projectId, after: { proposalId, responseId } });
    return row;
  });
}

/** Every response with its replies, newest first, and the latest position of each consultee. */
export function listConsultation({ projectId, proposalId }: { projectId: number; proposalId: number }, db: Conn = getDb()) {
  getProposal({ projectId, proposalId }, db);
  const responses = db
    .select({
      id: consultationResponses.id,
      position: consultationResponses.position,
      comment: consultationResponses.comment,
      createdAt: consultationResponses.createdAt,
      personId: consultationResponses.consulteePersonId,
      name: people.name,
      version: proposalVersions.number,
    })
    .from(consultationResponses)
    .innerJoin(proposalVersions, eq(proposalVersions.id, consultationResponses.proposalVersionId))
    .innerJoin(people, eq(people.id, consultationResponses.consulteePersonId))
    .where(eq(proposalVersions.proposalId, proposalId))
    .orderBy(desc(consultationResponses.id))
    .all();
  const replies = responses.length
    ? db
        .select({ id: consultationReplies.id, responseId: consultationReplies.responseId, body: consultationReplies.body, createdAt: consultationReplies.createdAt, name: people.name })
        .from(consultationReplies)
        .leftJoin(people, eq(people.id, consultationReplies.authorPersonId))
        .where(inArray(consultationReplies.responseId, responses.map((r) => r.id)))
        .orderBy(asc(consultationReplies.id))
        .all()
    : [];
  const latest = new Map<number, (typeof responses)[number]>();
  for (const r of responses) if (!latest.has(r.personId)) latest.set(r.personId, r);
  const summary = { supports: 0, has_concerns: 0, objects: 0 } satisfies Record<ConsultationPosition, number>;
  for (const r of latest.values()) summary[r.position]++;
  return {
    responses: responses.map((r) => ({ ...r, replies: replies.filter((x) => x.responseId === r.id) })),
    latest: [...latest.values()],
    summary,
  };
}

/** The version a board request was sent with (not necessarily the latest). */
export function getVersionById({ projectId, proposalId, versionId }: { projectId: number; proposalId: number; versionId: number }, db: Conn = getDb()) {
  getProposal({ projectId, proposalId }, db);
  const version = db.select().from(proposalVersions).where(and(eq(proposalVersions.id, versionId), eq(proposalVersions.proposalId, proposalId))).get();
  if (!version) notFound("Version not found");
  return version;
}
