// Reading a report by its public link: the frozen snapshot only, the same 404 for a link that
// never existed, was turned off, or names a version that does not exist.
import { notFound } from "~/utils/errors";
import { compareBodies, type Comparison } from "./compare";
import { downloadResponse } from "./downloads.server";
import { resolveIndex, resolveIndexReport } from "./index-links.server";
import { resolveReportLink } from "./links.server";
import { previousPublished } from "./service.server";

const NOT_FOUND = "This report link does not work. It may have been turned off; ask the person who sent it for a new one.";

function resolve(token: string | undefined, version: string | null) {
  const v = version && /^\d{1,4}$/.test(version) ? Number(version) : undefined;
  if (version && v === undefined) notFound(NOT_FOUND);
  const found = token ? resolveReportLink(token, v) : null;
  if (!found) notFound(NOT_FOUND);
  return found;
}

export function publicReport(token: string | undefined, version: string | null) {
  const found = resolve(token, version);
  const content = found.frozen.content;
  const prev = content.kind === "highlight" ? previousPublished(found.report) : null;
  const comparison = prev && prev.content.kind === "highlight" && content.kind === "highlight" ? { previousTitle: prev.content.title, comparison: compareBodies(prev.content, content), projects: [] as Array<{ project: string; comparison: Comparison }> } : null;
  return {
    token: token!,
    content,
    version: found.report.version,
    current: found.versions.find((x) => x.status === "published")?.version ?? found.report.version,
    versions: found.versions,
    comparison,
  };
}

export async function publicDownload(token: string | undefined, version: string | null, format: "pdf" | "docx") {
  const found = resolve(token, version);
  return downloadResponse(found.frozen.content, format, { "X-Robots-Tag": "noindex, nofollow" });
}

const INDEX_NOT_FOUND = "This link to a programme's reports does not work. It may have been turned off; ask the person who sent it for a new one.";

/** A programme's public index of its published reports (decision 0022). */
export function publicIndex(token: string | undefined) {
  const found = resolveIndex(token);
  if (!found) notFound(INDEX_NOT_FOUND);
  return { token: token!, ...found };
}

/** One report of a public index, as frozen: the same 404 for a bad link and a report it does not list. */
export function publicIndexReport(token: string | undefined, reportId: string | undefined) {
  const found = resolveIndexReport(token, reportId);
  if (!found) notFound(INDEX_NOT_FOUND);
  return { token: token!, programme: found.programme, id: Number(reportId), content: found.frozen.content, hash: found.frozen.hash };
}

export async function publicIndexDownload(token: string | undefined, reportId: string | undefined, format: "pdf" | "docx") {
  const found = resolveIndexReport(token, reportId);
  if (!found) notFound(INDEX_NOT_FOUND);
  return downloadResponse(found.frozen.content, format, { "X-Robots-Tag": "noindex, nofollow" });
}
