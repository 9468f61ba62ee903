// Public read-only links to a published report: a 256-bit random token, shown once, stored only
// as its sha256, revocable; every change audited. A link names a report's series, so it shows
// the current version and keeps earlier versions readable after a correction.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { reportLinks, reports } from "#db/schema";
import { getDb, write, type Conn } from "~/db.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { notFound, UserInputError } from "~/utils/errors";
import { getReport, readSnapshot, seriesOf, seriesVersions, type ReportScope } from "./service.server";

export const hashReportToken = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const projectIdOf = (scope: ReportScope) => ("projectId" in scope ? scope.projectId : null);

export function createReportLink({ actor, scope, reportId }: { actor: Actor; scope: ReportScope; reportId: number }) {
  return write((tx) => {
    const report = getReport({ scope, reportId }, tx);
    if (report.status === "draft") throw new UserInputError({ link: "Publish the report before sharing a link to it" });
    const token = randomBytes(32).toString("base64url");
    const row = tx.insert(reportLinks).values({ seriesId: seriesOf(report), tokenHash: hashReportToken(token), createdByPersonId: actor.personId }).returning().get();
    recordAudit(tx, { actor, event: "report_link.create", entityType: "report_link", entityId: row.id, projectId: projectIdOf(scope), after: { report: reportId, series: row.seriesId } });
    return { token, row };
  });
}

export function listReportLinks({ scope, reportId }: { scope: ReportScope; reportId: number }, db: Conn = getDb()) {
  const report = getReport({ scope, reportId }, db);
  return db.select().from(reportLinks).where(eq(reportLinks.seriesId, seriesOf(report))).orderBy(desc(reportLinks.id)).all();
}

export function revokeReportLink({ actor, scope, reportId, linkId }: { actor: Actor; scope: ReportScope; reportId: number; linkId: number }) {
  write((tx) => {
    const report = getReport({ scope, reportId }, tx);
    const link = tx.select().from(reportLinks).where(and(eq(reportLinks.id, linkId), eq(reportLinks.seriesId, seriesOf(report)), isNull(reportLinks.revokedAt))).get();
    if (!link) notFound("Link not found");
    tx.update(reportLinks).set({ revokedAt: new Date().toISOString() }).where(eq(reportLinks.id, link.id)).run();
    recordAudit(tx, { actor, event: "report_link.revoke", entityType: "report_link", entityId: link.id, projectId: projectIdOf(scope), before: { series: link.seriesId } });
  });
}

/** Whether `token` is a link that has not been turned off (whatever version is asked for). */
export function isLiveReportToken(token: string, db: Conn = getDb()) {
  if (!TOKEN_SHAPE.test(token)) return false;
  return Boolean(db.select({ id: reportLinks.id }).from(reportLinks).where(and(eq(reportLinks.tokenHash, hashReportToken(token)), isNull(reportLinks.revokedAt))).get());
}

/**
 * What a public link shows: the series' published versions, newest first, and the one asked for
 * (the current one unless `version` names an earlier one). Null (404) for an unknown or revoked
 * link, or a series with nothing published.
 */
export function resolveReportLink(token: string, version?: number, db: Conn = getDb()) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const link = db.select().from(reportLinks).where(and(eq(reportLinks.tokenHash, hashReportToken(token)), isNull(reportLinks.revokedAt))).get();
  if (!link) return null;
  const first = db.select().from(reports).where(eq(reports.id, link.seriesId)).get();
  if (!first) return null;
  const versions = seriesVersions(first, db).filter((r) => r.status !== "draft").reverse();
  const chosen = version === undefined ? versions.find((r) => r.status === "published") : versions.find((r) => r.version === version);
  if (!chosen) return null;
  const frozen = readSnapshot(chosen.id, db);
  if (!frozen) return null;
  return { report: chosen, frozen, versions: versions.map((v) => ({ version: v.version, status: v.status, publishedAt: v.publishedAt })) };
}
