// Reading a report by its public link: the frozen snapshot only, the same 404 for a link that
// never existed, was turned off, or names a version that does not exist.
import { notFound } from "~/utils/errors";
import { compareBodies, type Comparison } from "./compare";
import { downloadResponse } from "./downloads.server";
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
