// The daily anchor for the audit trail: once a day the housekeeping records a signed checkpoint
// (event count, head hash, HMAC) and emails it to every administrator. A copy held outside the
// server is what lets `waymark audit verify --checkpoint` notice events removed from the end.
import { and, eq, isNull } from "drizzle-orm";
import { auditEvents, people, users } from "#db/schema";
import { write } from "~/db.server";
import { sendMail } from "~/modules/mail/mailer.server";
import { todayInLondon } from "~/utils/dates";
import { systemActor } from "./actor";
import { CHECKPOINT_EVENT, formatCheckpoint, type Checkpoint } from "./chain";
import { checkpointEmail } from "./emails";
import { auditHead, auditKey, recordAudit } from "./service.server";

export interface DailyCheckpoint extends Checkpoint {
  day: string;
  signed: string;
}

/**
 * Records today's checkpoint unless one exists (checked and written in one BEGIN IMMEDIATE
 * transaction, so several servers still make one), then emails it to the administrators. Mailing
 * is repeated on every run but the outbox's dedupe key sends each administrator one copy a day.
 */
export async function runDailyCheckpoint(now: Date = new Date()) {
  const day = todayInLondon(now);
  const { checkpoint, created, admins } = write((tx) => {
    const existing = tx
      .select({ after: auditEvents.after })
      .from(auditEvents)
      .where(and(eq(auditEvents.event, CHECKPOINT_EVENT), eq(auditEvents.entityId, day)))
      .limit(1)
      .get();
    let checkpoint: DailyCheckpoint;
    if (existing) {
      checkpoint = { day, ...(JSON.parse(existing.after!) as Omit<DailyCheckpoint, "day">) };
    } else {
      const head = auditHead(tx);
      checkpoint = { day, ...head, signed: formatCheckpoint(auditKey(), head) };
      recordAudit(tx, {
        actor: systemActor("housekeeping"),
        event: CHECKPOINT_EVENT,
        entityType: "audit",
        entityId: day,
        after: { count: checkpoint.count, hash: checkpoint.hash, signed: checkpoint.signed },
      });
    }
    const admins = tx
      .select({ userId: users.id, email: users.email, name: people.name })
      .from(users)
      .innerJoin(people, eq(people.id, users.personId))
      .where(and(eq(users.isAdmin, true), isNull(users.disabledAt)))
      .all();
    return { checkpoint, created: !existing, admins };
  });
  let emailed = 0;
  for (const admin of admins) {
    const result = await sendMail({ ...checkpointEmail({ to: admin.email, name: admin.name, ...checkpoint }), dedupeKey: `audit-checkpoint:${day}:${admin.userId}` });
    if (!result.duplicate) emailed++;
  }
  return { checkpoint, created, emailed };
}

/** For the hourly housekeeping: never throws, so a mail failure cannot stop the other chores. */
export async function auditCheckpointTick(now: Date = new Date()) {
  try {
    return await runDailyCheckpoint(now);
  } catch (error) {
    console.error("Audit checkpoint failed:", error);
    return null;
  }
}
