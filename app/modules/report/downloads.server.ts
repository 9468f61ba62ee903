// PDF and Word downloads of a published report, from its frozen snapshot only.
import { reportBlocks } from "./blocks";
import type { ReportContent } from "./content";
import { renderReportDocx } from "./docx.server";
import { readSnapshot } from "./service.server";
import { renderReportPdf } from "./pdf.server";
import { getReport } from "./service.server";
import type { ReportPlace } from "./pages.server";
import { notFound } from "~/utils/errors";

const TYPES = { pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" } as const;

export function renderReport(content: ReportContent, format: "pdf" | "docx"): Promise<Buffer> {
  const input = { title: content.title, header: `${content.title}: ${content.periodText}, version ${content.version}`, blocks: reportBlocks(content) };
  return format === "pdf" ? renderReportPdf(input) : renderReportDocx(input);
}

const fileName = (content: ReportContent, format: string) => `${content.title.replace(/[^A-Za-z0-9 ,()-]+/g, "").trim().replace(/\s+/g, "-").slice(0, 80) || "report"}-v${content.version}.${format}`;

export async function downloadResponse(content: ReportContent, format: "pdf" | "docx", extraHeaders: Record<string, string> = {}) {
  const body = await renderReport(content, format);
  return new Response(new Uint8Array(body), { headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="${fileName(content, format)}"`, ...extraHeaders } });
}

/** Only published (or superseded) reports download: a draft has no fixed content to hand round. */
export async function reportDownload(_request: Request, place: ReportPlace, reportId: string | undefined, format: "pdf" | "docx") {
  const id = Number(reportId);
  if (!Number.isInteger(id) || id <= 0) notFound("Report not found");
  const report = getReport({ scope: place.scope, reportId: id });
  const frozen = report.status === "draft" ? null : readSnapshot(report.id);
  if (!frozen) notFound("Report not found");
  return downloadResponse(frozen.content, format);
}
