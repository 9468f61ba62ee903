// The morning digest: each person with an email address gets one email listing the flagged open
// actions they own (by name, or through a team they belong to), the measurements due of benefits
// they own and the overdue progress reports of projects they manage, the last two only for
// projects they may see. Nobody gets an empty digest, and the dedupe key "digest:<personId>:<date>" makes a second run the same day
// send nothing (also across several app servers, since the outbox's unique key decides).
import { and, eq, inArray, isNotNull, ne, notInArray } from "drizzle-orm";
import { actionOwners, actions, auditEvents, people, projectRoles, projects, teamMembers, users } from "#db/schema";
import { getDb, write } from "~/db.server";
import { getEnv } from "~/env.server";
import { systemActor, type Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { flagTagText } from "~/modules/action/plan-view";
import { redactFlag, seesOf } from "~/modules/action/redact";
import { viewerForPerson } from "~/modules/auth/access.server";
import { flagLabel, isIsoDate, todayInLondon, type ActionFlag } from "~/modules/action/rules";
import { flagsForProjects } from "~/modules/action/schedule.server";
import { sendMail } from "~/modules/mail/mailer.server";
import { listBenefitsOf } from "~/modules/benefit/service.server";
import { benefitFlagLabel } from "~/modules/benefit/rules";
import { overdueReports } from "~/modules/report/cycle.server";
import { renderDigestEmail, type DigestBenefit, type DigestItem, type DigestReport } from "./email";

export interface DigestRecipient {
  personId: number;
  name: string;
  email: string;
  items: DigestItem[];
  benefits: DigestBenefit[];
  reports: DigestReport[];
  /** "sent" / "stored" / "failed" from the mailer; "duplicate" when today's digest already went; "dry-run". */
  outcome: "sent" | "stored" | "failed" | "duplicate" | "dry-run";
}

export interface DigestResult {
  asOf: string;
  dryRun: boolean;
  recipients: DigestRecipient[];
  /** Only those a message actually went to (or was stored for) on this run. */
  delivered: DigestRecipient[];
}

export const DIGEST_EVENT = "digest.run";

const collator = new Intl.Collator("en-GB", { numeric: true });

/** Who would get what on `asOf`: people with email, each with their flagged open actions, the
 * measurements due of benefits they own and the overdue progress reports of projects they manage. */
export function planDigest(asOf: string): Array<Omit<DigestRecipient, "outcome">> {
  const db = getDb();
  const openProjects = db.select({ id: projects.id, slug: projects.slug, name: projects.name, managerPersonId: projects.managerPersonId }).from(projects).where(ne(projects.status, "closed")).all();
  if (openProjects.length === 0) return [];
  const projectIds = openProjects.map((p) => p.id);
  const projectOf = new Map(openProjects.map((p) => [p.id, p]));
  const appUrl = getEnv().APP_URL;

  const owned = flaggedActionsByPerson(projectIds, asOf);
  const benefitsOf = new Map<number, DigestBenefit[]>();
  for (const b of listBenefitsOf({ projectIds, today: asOf })) {
    const due = b.flags.find((f) => f.kind === "measurement_due");
    if (b.ownerPersonId === null || !due) continue;
    const project = projectOf.get(b.projectId)!;
    const item = { benefitId: b.id, projectId: project.id, name: b.name, projectName: project.name, text: benefitFlagLabel(due, b.unit), url: `${appUrl}/projects/${project.slug}/benefits/${b.id}` };
    benefitsOf.set(b.ownerPersonId, [...(benefitsOf.get(b.ownerPersonId) ?? []), item]);
  }
  const reportsOf = new Map<number, DigestReport[]>();
  const overdue = overdueReports({ projectIds, today: asOf }, db);
  if (overdue.length > 0) {
    const late = overdue.map((o) => o.projectId);
    // The project's managers: its manager role holders and the manager named on the project.
    const managers = db
      .select({ projectId: projectRoles.projectId, personId: projectRoles.personId })
      .from(projectRoles)
      .where(and(inArray(projectRoles.projectId, late), eq(projectRoles.role, "manager")))
      .all();
    for (const o of overdue) {
      const project = projectOf.get(o.projectId)!;
      const who = new Set([...managers.filter((m) => m.projectId === o.projectId).map((m) => m.personId), ...(project.managerPersonId !== null ? [project.managerPersonId] : [])]);
      const item = { projectId: project.id, projectName: project.name, text: o.text, url: `${appUrl}/projects/${project.slug}/reports` };
      for (const personId of who) reportsOf.set(personId, [...(reportsOf.get(personId) ?? []), item]);
    }
  }

  const everyone = [...new Set([...owned.byPerson.keys(), ...benefitsOf.keys(), ...reportsOf.keys()])];
  if (everyone.length === 0) return [];
  const recipients = db
    .select({ id: people.id, name: people.name, email: people.email, login: users.id })
    .from(people)
    .leftJoin(users, eq(users.personId, people.id))
    .where(and(inArray(people.id, everyone), isNotNull(people.email)))
    .all();
  const byProjectName = (a: { projectName: string }, b: { projectName: string }) => collator.compare(a.projectName, b.projectName);

  return recipients
    .filter((p) => p.email)
    .map((p) => {
      const viewer = viewerForPerson(p.id).sees;
      // Someone who signs in is told what their pages show (My actions, feeds): their actions in
      // projects they may see, and items of those projects only; a link in the email never answers
      // 404. An owner named without a login has no pages: the digest is how the projects that named
      // them tell them about their actions, and about the items of those projects (decision 0008).
      // Anything else in a chain is "an item in another project".
      const ownedActions = [...(owned.byPerson.get(p.id) ?? [])].map((id) => owned.byId.get(id)!);
      const mine = p.login === null ? ownedActions : ownedActions.filter((m) => viewer.has(m.action.projectId));
      const sees = p.login === null ? new Set([...viewer, ...mine.map((m) => m.action.projectId)]) : viewer;
      const items: DigestItem[] = mine
        .map(({ action, flags: list }) => {
          const project = projectOf.get(action.projectId)!;
          return {
            actionId: action.id,
            ref: action.ref,
            title: action.title,
            dueDate: action.dueDate,
            projectName: project.name,
            flags: list.map((f: ActionFlag) => ({ kind: f.kind, tag: flagTagText(f), text: flagLabel(redactFlag(f, seesOf(sees))) })),
            url: `${appUrl}/projects/${project.slug}/actions/${action.id}`,
          };
        })
        .sort((a, b) => collator.compare(a.projectName, b.projectName) || collator.compare(a.ref, b.ref));
      // Benefits and reports only of projects the person may see now: owning a benefit or having
      // been named manager does not outlast losing access to the project.
      const benefits = (benefitsOf.get(p.id) ?? []).filter((b) => viewer.has(b.projectId)).sort((a, b) => byProjectName(a, b) || collator.compare(a.name, b.name));
      const reports = (reportsOf.get(p.id) ?? []).filter((r) => viewer.has(r.projectId)).sort(byProjectName);
      return { personId: p.id, name: p.name, email: p.email!, items, benefits, reports };
    })
    .filter((r) => r.items.length + r.benefits.length + r.reports.length > 0)
    .sort((a, b) => a.personId - b.personId);
}

/** Flagged open actions of the projects, and who owns each (by name, or through a team). */
function flaggedActionsByPerson(projectIds: number[], asOf: string) {
  const db = getDb();
  const flags = flagsForProjects({ projectIds, asOf });
  const byId = new Map(flags.actions.map((a) => [a.action.id, a]));
  const byPerson = new Map<number, Set<number>>();
  const flagged = new Set(flags.actions.filter((a) => a.flags.length > 0).map((a) => a.action.id));
  if (flagged.size === 0) return { byId, byPerson };

  const owners = db
    .select({ actionId: actionOwners.actionId, personId: actionOwners.personId, teamId: actionOwners.teamId })
    .from(actionOwners)
    .innerJoin(actions, eq(actions.id, actionOwners.actionId))
    .where(and(inArray(actions.projectId, projectIds), notInArray(actions.status, ["done", "cancelled"])))
    .all()
    .filter((o) => flagged.has(o.actionId));
  const teamIds = [...new Set(owners.flatMap((o) => (o.teamId !== null ? [o.teamId] : [])))];
  const members = teamIds.length
    ? db
        .select({ teamId: teamMembers.teamId, personId: teamMembers.personId })
        .from(teamMembers)
        .where(inArray(teamMembers.teamId, teamIds))
        .all()
    : [];
  const membersOf = new Map<number, number[]>();
  for (const m of members) membersOf.set(m.teamId, [...(membersOf.get(m.teamId) ?? []), m.personId]);

  const give = (personId: number, actionId: number) => {
    const set = byPerson.get(personId) ?? new Set<number>();
    set.add(actionId);
    byPerson.set(personId, set);
  };
  for (const o of owners) {
    if (o.personId !== null) give(o.personId, o.actionId);
    else for (const p of membersOf.get(o.teamId!) ?? []) give(p, o.actionId);
  }
  return { byId, byPerson };
}

/** Sends (or, with dryRun, only works out) the digest for `asOf`, default today in Europe/London. */
export async function runDigest({
  asOf = todayInLondon(),
  dryRun = false,
  actor = systemActor("digest"),
}: { asOf?: string; dryRun?: boolean; actor?: Actor } = {}): Promise<DigestResult> {
  if (!isIsoDate(asOf)) throw new Error(`Not a date: ${asOf} (use YYYY-MM-DD)`);
  const planned = planDigest(asOf);
  const recipients: DigestRecipient[] = [];
  for (const r of planned) {
    if (dryRun) {
      recipients.push({ ...r, outcome: "dry-run" });
      continue;
    }
    const { subject, text, html } = renderDigestEmail({ name: r.name, asOf, items: r.items, benefits: r.benefits, reports: r.reports, appUrl: getEnv().APP_URL });
    const result = await sendMail({ to: r.email, subject, text, html, dedupeKey: `digest:${r.personId}:${asOf}` });
    recipients.push({ ...r, outcome: result.duplicate ? "duplicate" : result.status });
  }
  const delivered = recipients.filter((r) => r.outcome === "sent" || r.outcome === "stored");
  if (!dryRun) {
    write((tx) =>
      recordAudit(tx, {
        actor,
        event: DIGEST_EVENT,
        entityType: "digest",
        entityId: asOf,
        meta: {
          delivered: delivered.map((r) => ({
            personId: r.personId,
            actions: r.items.map((i) => i.actionId),
            benefits: r.benefits.map((b) => b.benefitId),
            reports: r.reports.map((x) => x.projectId),
          })),
          failed: recipients.filter((r) => r.outcome === "failed").map((r) => r.personId),
          alreadySent: recipients.filter((r) => r.outcome === "duplicate").map((r) => r.personId),
        },
      })
    );
  }
  return { asOf, dryRun, recipients, delivered };
}

/** Whether the digest for this date has already run (a real run, not a dry one). */
export function digestHasRun(asOf: string) {
  return Boolean(
    getDb()
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(and(eq(auditEvents.event, DIGEST_EVENT), eq(auditEvents.entityId, asOf)))
      .limit(1)
      .get()
  );
}
