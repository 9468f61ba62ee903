// A programme's public index of its published reports, for its scrutiny committee (decision 0022):
// one revocable link, the same token design as a report's link (32 random bytes, shown once,
// only the sha256 stored, audited). The index lists the programme's own reports (programme and
// committee progress reports), the current version of each, newest period first; each opens its
// frozen page. Project reports are not listed: a project's own link shares those.
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { programmes, reportIndexLinks, reports } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { notFound } from "~/utils/errors";
import { hashReportToken } from "./links.server";
import { periodText } from "./period";
import { readSnapshot } from "./service.server";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function createIndexLink({ actor, programmeId }: { actor: Actor; programmeId: number }) {
  return write((tx) => {
    const token = randomBytes(32).toString("base64url");
    const row = tx.insert(reportIndexLinks).values({ programmeId, tokenHash: hashReportToken(token), createdByPersonId: actor.personId }).returning().get();
    recordAudit(tx, { actor, event: "report_index_link.create", entityType: "report_index_link", entityId: row.id, after: { programme: programmeId } });
    return { token, row };
  });
}

export function listIndexLinks({ programmeId }: { programmeId: number }, db: Conn = getDb()) {
  return db.select({ id: reportIndexLinks.id, createdAt: reportIndexLinks.createdAt, revokedAt: reportIndexLinks.revokedAt }).from(reportIndexLinks).where(eq(reportIndexLinks.programmeId, programmeId)).orderBy(desc(reportIndexLinks.id)).all();
}

export function revokeIndexLink({ actor, programmeId, linkId }: { actor: Actor; programmeId: number; linkId: number }) {
  write((tx) => {
    const link = tx.select().from(reportIndexLinks).where(and(eq(reportIndexLinks.id, linkId), eq(reportIndexLinks.programmeId, programmeId), isNull(reportIndexLinks.revokedAt))).get();
    if (!link) notFound("Link not found");
    tx.update(reportIndexLinks).set({ revokedAt: new Date().toISOString() }).where(eq(reportIndexLinks.id, link.id)).run();
    recordAudit(tx, { actor, event: "report_index_link.revoke", entityType: "report_index_link", entityId: link.id, before: { programme: programmeId } });
  });
}

/** The programme a working index link names, or null (unknown, malformed or turned off). */
function programmeOf(token: string | undefined, db: Conn) {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const link = db.select({ programmeId: reportIndexLinks.programmeId }).from(reportIndexLinks).where(and(eq(reportIndexLinks.tokenHash, hashReportToken(token)), isNull(reportIndexLinks.revokedAt))).get();
  if (!link) return null;
  return db.select({ id: programmes.id, name: programmes.name }).from(programmes).where(eq(programmes.id, link.programmeId)).get() ?? null;
}

/** Whether the token is a working index link (so a miss below it is not a guess at links). */
export function isLiveIndexToken(token: string, db: Conn = getDb()) {
  return programmeOf(token, db) !== null;
}

const KIND_WORDS = { programme: "Programme report", committee: "Committee progress report", highlight: "Highlight report", end: "End project report" } as const;

/** The index: the programme's current published reports, newest period first. Null for a link that does not work. */
export function resolveIndex(token: string | undefined, db: Conn = getDb()) {
  const programme = programmeOf(token, db);
  if (!programme) return null;
  const rows = db
    .select({ id: reports.id, kind: reports.kind, title: reports.title, from: reports.periodFrom, to: reports.periodTo, version: reports.version, publishedAt: reports.publishedAt })
    .from(reports)
    .where(and(eq(reports.programmeId, programme.id), eq(reports.status, "published")))
    .orderBy(desc(reports.periodTo), desc(reports.publishedAt), desc(reports.id))
    .all();
  return {
    programme: programme.name,
    reports: rows.map((r) => ({ id: r.id, kind: KIND_WORDS[r.kind], title: r.title, period: periodText({ from: r.from, to: r.to }), version: r.version, publishedAt: r.publishedAt })),
  };
}

/** One report the index lists, as frozen; null unless it is the programme's current published version. */
export function resolveIndexReport(token: string | undefined, reportId: string | undefined, db: Conn = getDb()) {
  const programme = programmeOf(token, db);
  const id = Number(reportId);
  if (!programme || !reportId || !/^\d{1,10}$/.test(reportId)) return null;
  const report = db.select({ id: reports.id }).from(reports).where(and(eq(reports.id, id), eq(reports.programmeId, programme.id), eq(reports.status, "published"))).get();
  if (!report) return null;
  const frozen = readSnapshot(report.id, db);
  return frozen ? { programme: programme.name, frozen } : null;
}
