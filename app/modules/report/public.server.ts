// Reading a report by its public link: the frozen snapshot only, the same 404 for a link that
// never existed, was turned off, or names a version that does not exist. An address that keeps
// trying links that do not work is slowed down (429) for those only; a working link is always
// served (decision 0005, as for ballot links).
import { clientIp } from "~/modules/auth/session.server";
import { waitText } from "~/modules/throttle/policy";
import { badReportTokenWait, recordBadReportToken } from "~/modules/throttle/service.server";
import { notFound } from "~/utils/errors";
import { compareBodies, type Comparison } from "./compare";
import { downloadResponse } from "./downloads.server";
import { isLiveIndexToken, resolveIndex, resolveIndexReport } from "./index-links.server";
import { isLiveReportToken, resolveReportLink } from "./links.server";
import { previousPublished } from "./service.server";

const NOT_FOUND = "This report link does not work. It may have been turned off; ask the person who sent it for a new one.";
const LINK_HEADERS = { "X-Robots-Tag": "noindex, nofollow" };

function lookUp(token: string | undefined, version: string | null) {
  const v = version && /^\d{1,4}$/.test(version) ? Number(version) : undefined;
  return token && !(version && v === undefined) ? resolveReportLink(token, v) : null;
}

async function resolve(request: Request, token: string | undefined, version: string | null) {
  const found = lookUp(token, version);
  if (found) return found;
  // A working link asking for a version that does not exist is a plain 404, not a guess.
  if (token && isLiveReportToken(token)) notFound(NOT_FOUND);
  return refuseBadToken(request, NOT_FOUND);
}

/** A link that does not work: 429 once the address has tried too many, else counted and 404. */
async function refuseBadToken(request: Request, message: string): Promise<never> {
  const ip = clientIp(request);
  const wait = await badReportTokenWait(ip);
  if (wait > 0) {
    throw new Response(`Too many report links that do not work have been tried from your network. ${waitText(wait)}, then try again.`, {
      status: 429,
      headers: { ...LINK_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Retry-After": String(wait) },
    });
  }
  await recordBadReportToken(ip);
  return notFound(message);
}

function view(found: NonNullable<ReturnType<typeof lookUp>>, token: string) {
  const content = found.frozen.content;
  const prev = content.kind === "highlight" ? previousPublished(found.report) : null;
  const comparison = prev && prev.content.kind === "highlight" && content.kind === "highlight" ? { previousTitle: prev.content.title, comparison: compareBodies(prev.content, content), projects: [] as Array<{ project: string; comparison: Comparison }> } : null;
  return {
    token,
    content,
    version: found.report.version,
    current: found.versions.find((x) => x.status === "published")?.version ?? found.report.version,
    versions: found.versions,
    comparison,
  };
}

/** The page's data for a working link, or null: no throttling (the bench and the CLI). */
export function publicReportView(token: string, version: string | null = null) {
  const found = lookUp(token, version);
  return found ? view(found, token) : null;
}

export async function publicReport(request: Request, token: string | undefined, version: string | null) {
  return view(await resolve(request, token, version), token!);
}

export async function publicDownload(request: Request, token: string | undefined, version: string | null, format: "pdf" | "docx") {
  const found = await resolve(request, token, version);
  return downloadResponse(found.frozen.content, format, LINK_HEADERS);
}

const INDEX_NOT_FOUND = "This link to a programme's reports does not work. It may have been turned off; ask the person who sent it for a new one.";

/** A programme's public index of its published reports (decision 0022); bad links throttled as above. */
export async function publicIndex(request: Request, token: string | undefined) {
  const found = resolveIndex(token);
  if (!found) return refuseBadToken(request, INDEX_NOT_FOUND);
  return { token: token!, ...found };
}

/** One report of a public index, as frozen: the same 404 for a bad link and a report it does not
 * list; only a link that does not work counts towards the throttle. */
async function indexReport(request: Request, token: string | undefined, reportId: string | undefined) {
  const found = resolveIndexReport(token, reportId);
  if (found) return found;
  if (token && isLiveIndexToken(token)) notFound(INDEX_NOT_FOUND);
  return refuseBadToken(request, INDEX_NOT_FOUND);
}

export async function publicIndexReport(request: Request, token: string | undefined, reportId: string | undefined) {
  const found = await indexReport(request, token, reportId);
  return { token: token!, programme: found.programme, id: Number(reportId), content: found.frozen.content, hash: found.frozen.hash };
}

export async function publicIndexDownload(request: Request, token: string | undefined, reportId: string | undefined, format: "pdf" | "docx") {
  const found = await indexReport(request, token, reportId);
  return downloadResponse(found.frozen.content, format, LINK_HEADERS);
}
