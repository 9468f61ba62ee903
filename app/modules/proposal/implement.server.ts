// Turning an approved proposal into implementation actions in a work package.
// Actions are inserted here (not through the action service's createAction, which opens its own
// transaction) so that the actions and the proposal's "implemented" status commit together; each
// action still gets its own "action.create" audit event, as the action service writes them.
import { and, eq, like } from "drizzle-orm";
import { actions, actionOwners, proposals, workPackages } from "#db/schema";
import { write } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { UserInputError } from "~/utils/errors";
import { getProposal } from "./service.server";

export function implementProposal({
  actor,
  projectId,
  proposalId,
  workPackageId,
  titles,
  dueDate,
  ownerPersonId,
}: {
  actor: Actor;
  projectId: number;
  proposalId: number;
  workPackageId: number;
  titles: string[];
  dueDate: string | null;
  ownerPersonId: number | null;
}) {
  return write((tx) => {
    const proposal = getProposal({ projectId, proposalId }, tx);
    if (proposal.status !== "approved") throw new UserInputError({ _form: "Only an approved proposal can be turned into actions." });
    const wp = tx.select().from(workPackages).where(and(eq(workPackages.id, workPackageId), eq(workPackages.projectId, projectId))).get();
    if (!wp) throw new UserInputError({ workPackageId: "Choose a work package of this project" });
    if (titles.length === 0) throw new UserInputError({ titles: "Enter at least one action, one per line" });
    // References like "WP2.P7.1": the work package, the proposal, then a number, so they never clash with the plan's own.
    const prefix = `${wp.ref}.P${proposalId}.`;
    const taken = tx.select({ ref: actions.ref }).from(actions).where(and(eq(actions.projectId, projectId), like(actions.ref, `${prefix}%`))).all().length;
    const created = titles.map((title, i) => {
      const action = tx
        .insert(actions)
        .values({
          projectId,
          workPackageId,
          ref: `${prefix}${taken + i + 1}`,
          title,
          description: `Implements the approved proposal "${proposal.title}" (version ${proposal.currentVersion}).`,
          dueDate,
          baselineDueDate: dueDate,
        })
        .returning()
        .get();
      if (ownerPersonId) tx.insert(actionOwners).values({ actionId: action.id, personId: ownerPersonId }).run();
      recordAudit(tx, {
        actor,
        event: "action.create",
        entityType: "action",
        entityId: action.id,
        projectId,
        after: { ref: action.ref, title, workPackageId, dueDate, ownerPersonIds: ownerPersonId ? [ownerPersonId] : [] },
        meta: { version: action.version, fromProposalId: proposalId },
      });
      return action;
    });
    tx.update(proposals).set({ status: "implemented", updatedAt: new Date().toISOString() }).where(eq(proposals.id, proposalId)).run();
    recordAudit(tx, {
      actor,
      event: "proposal.implement",
      entityType: "proposal",
      entityId: proposalId,
      projectId,
      before: { status: "approved" },
      after: { status: "implemented", actions: created.map((a) => a.ref) },
    });
    return created;
  });
}
