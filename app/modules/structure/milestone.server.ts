import { and, asc, eq } from "drizzle-orm";
import { milestones } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { changes, recordAudit } from "~/modules/audit/service.server";
import { notFound } from "~/utils/errors";
import type { MilestoneInput } from "./forms";
import { flagTagText } from "~/modules/action/plan-view";
import { redactFlag, seesOf } from "~/modules/action/redact";
import { flagLabel } from "~/modules/action/rules";
import type { Viewer } from "~/modules/auth/access.server";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { daysBetween, milestoneSlipText } from "./dates";

export function listMilestones({ projectId }: { projectId: number }) {
  return getDb()
    .select()
    .from(milestones)
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(milestones.targetDate), asc(milestones.id))
    .all()
    .map((m) => ({ ...m, slippedDays: daysBetween(m.baselineDate, m.targetDate) }));
}

export function getMilestone({ projectId, milestoneId }: { projectId: number; milestoneId: number }, db: Conn = getDb()) {
  const m = Number.isInteger(milestoneId)
    ? db.select().from(milestones).where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId))).get()
    : undefined;
  if (!m) notFound("Milestone not found");
  return m;
}

/** The baseline is the first target date, set here once and never changed by an edit. */
export function createMilestone({ actor, projectId, ...input }: MilestoneInput & { actor: Actor; projectId: number }) {
  return write((tx) => {
    const m = tx
      .insert(milestones)
      .values({ projectId, ...input, baselineDate: input.targetDate })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      event: "milestone.create",
      entityType: "milestone",
      entityId: m.id,
      projectId,
      after: { name: m.name, description: m.description, targetDate: m.targetDate, baselineDate: m.baselineDate, achievedDate: m.achievedDate },
    });
    return m;
  });
}

export function updateMilestone({ actor, projectId, milestoneId, ...input }: MilestoneInput & { actor: Actor; projectId: number; milestoneId: number }) {
  return write((tx) => {
    const before = getMilestone({ projectId, milestoneId }, tx);
    const diff = changes(before, input);
    if (!diff.changed) return before;
    const after = tx
      .update(milestones)
      .set({ ...input, updatedAt: new Date().toISOString() })
      .where(eq(milestones.id, milestoneId))
      .returning()
      .get();
    recordAudit(tx, { actor, event: "milestone.update", entityType: "milestone", entityId: milestoneId, projectId, before: diff.before, after: diff.after });
    return after;
  });
}

/** The project's milestones with their honest slippage text and the rules' flags as of a date. */
export function milestonesWithFlags({
  viewer,
  projectId,
  asOf,
  flags = flagsForProjects({ projectIds: [projectId], asOf }),
}: {
  /** Who reads: an at-risk reason naming an item of a project they may not see says "an item in another project". */
  viewer: Viewer;
  projectId: number;
  asOf: string;
  flags?: ReturnType<typeof flagsForProjects>;
}) {
  const sees = seesOf(viewer.sees);
  const byId = new Map(
    flags.milestones.map(({ milestone, flags }) => [
      milestone.id,
      flags.map((f) => ({ kind: f.kind, tag: flagTagText(f), text: flagLabel(redactFlag(f, sees)) })),
    ]),
  );
  return listMilestones({ projectId }).map((m) => ({ ...m, slip: milestoneSlipText(m, asOf), flags: byId.get(m.id) ?? [] }));
}
