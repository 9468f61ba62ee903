// Emails a published report's link to its board and/or a named distribution list, through the one
// mailer. One new public link per distribution; the token goes to the recipients only (the outbox
// keeps a copy with it removed), and the link is revocable like any other.
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { boardMembers, boards, people, projects } from "#db/schema";
import { getDb, write } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { sendMail } from "~/modules/mail/mailer.server";
import { renderEmail } from "~/modules/mail/templates";
import { createReportLink } from "./links.server";
import { getReport, type ReportScope } from "./service.server";

const email = z.email();

/** The distribution list's addresses, or the message for the field. */
export function parseDistribution(text: string): { ok: true; addresses: string[] } | { ok: false; error: string } {
  const addresses = text.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter(Boolean);
  const bad = addresses.filter((a) => !email.safeParse(a).success);
  if (bad.length) return { ok: false, error: `These are not email addresses: ${bad.join(", ")}` };
  if (addresses.length > 200) return { ok: false, error: "A distribution list can have up to 200 addresses" };
  return { ok: true, addresses: [...new Set(addresses)] };
}

/** Members of the scope's boards: a project's own boards, or a programme's. */
function boardEmails(scope: ReportScope): string[] {
  const db = getDb();
  let where;
  if ("projectId" in scope) where = eq(boards.projectId, scope.projectId);
  else where = and(isNull(boards.projectId), eq(boards.programmeId, scope.programmeId));
  const ids = db.select({ id: boards.id }).from(boards).where(where).all().map((b) => b.id);
  if (ids.length === 0) return [];
  return db
    .select({ email: people.email })
    .from(boardMembers)
    .innerJoin(people, eq(people.id, boardMembers.personId))
    .where(inArray(boardMembers.boardId, ids))
    .all()
    .flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
}

export async function distributeReport({ actor, scope, reportId, emailBoard, addresses }: { actor: Actor; scope: ReportScope; reportId: number; emailBoard: boolean; addresses: string[] }) {
  const report = getReport({ scope, reportId });
  const to = [...new Set([...(emailBoard ? boardEmails(scope) : []), ...addresses])];
  if (to.length === 0) return { sent: 0 };
  const { token, row } = createReportLink({ actor, scope, reportId });
  const href = `${getEnv().APP_URL}/published/${token}`;
  const place = "projectId" in scope ? getDb().select({ name: projects.name }).from(projects).where(or(eq(projects.id, scope.projectId))).get()?.name : null;
  const { text, html } = renderEmail({
    heading: `Published: ${report.title}`,
    paragraphs: [
      `${report.title}${place ? ` (${place})` : ""} has been published${report.version > 1 ? ` as version ${report.version}, correcting the earlier version` : ""}.`,
      "You can read it without signing in. It is also available to print or download as a PDF.",
    ],
    link: { text: "Read the report", href },
    footer: "This link is for the people this email was sent to. Please do not forward it. It can be turned off at any time.",
  });
  for (const address of to) {
    await sendMail({ to: address, subject: `Report published: ${report.title}`, text, html, secrets: [token], dedupeKey: `report:${reportId}:link:${row.id}:${address}` });
  }
  write((tx) => recordAudit(tx, { actor, event: "report.distribute", entityType: "report", entityId: reportId, projectId: "projectId" in scope ? scope.projectId : null, after: { recipients: to.length, link: row.id, board: emailBoard } }));
  return { sent: to.length };
}
