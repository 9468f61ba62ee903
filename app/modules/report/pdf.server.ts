// A published report as an A4 PDF drawn on the server (pdfkit, no browser): text stays text
// (selectable, searchable), the document carries its title and language, and every page has a
// header naming the report and period and a "Page n of m" footer.
import { loadPdfKit } from "~/utils/lazy-libs.server";
import type { Block } from "./blocks";

const MARGIN = 56;
const SIZES = { h1: 20, h2: 15, h3: 12.5, h4: 11.5 } as const;

export async function renderReportPdf({ title, header, blocks }: { title: string; header: string; blocks: Block[] }): Promise<Buffer> {
  const { PDFDocument, SVGtoPDF } = await loadPdfKit();
  const doc = new PDFDocument({ size: "A4", margins: { top: MARGIN + 10, bottom: MARGIN, left: MARGIN, right: MARGIN }, bufferPages: true, lang: "en-GB", displayTitle: true, info: { Title: title, Creator: "Waymark", Producer: "Waymark" } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  for (const b of blocks) {
    if (b.kind === "image") {
      // The frozen drawing as vectors (text stays text), the page's width, on one page.
      const room = doc.page.height - MARGIN - 20 - (MARGIN + 10);
      const scale = Math.min(width / b.timeline.width, room / b.timeline.height);
      const h = b.timeline.height * scale;
      if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
      SVGtoPDF(doc, b.timeline.svg, MARGIN, doc.y, { width: b.timeline.width * scale, height: h, preserveAspectRatio: "xMinYMin meet", fontCallback: (_family, bold) => (bold ? "Helvetica-Bold" : "Helvetica") });
      doc.x = MARGIN;
      doc.y += h + 8;
      doc.font("Helvetica").fontSize(9).fillColor("#505a5f").text(b.alt, { width });
      doc.fillColor("#0b0c0c").moveDown(0.5);
    } else if (b.kind !== "p" && b.kind !== "list" && b.kind !== "table") {
      // A heading never sits alone at the foot of a page.
      if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
      doc.moveDown(b.kind === "h1" ? 0 : 0.6).font("Helvetica-Bold").fontSize(SIZES[b.kind]).fillColor("#0b0c0c").text(b.text, { width });
      doc.moveDown(0.3);
    } else if (b.kind === "p") {
      doc.font("Helvetica").fontSize(10.5).text(b.text, { width });
      doc.moveDown(0.5);
    } else if (b.kind === "list") {
      doc.font("Helvetica").fontSize(10.5).list(b.items, { width, bulletRadius: 1.8, textIndent: 12 });
      doc.moveDown(0.5);
    } else {
      if (b.caption) doc.font("Helvetica-Bold").fontSize(10).text(b.caption, { width }).moveDown(0.2);
      doc.font("Helvetica").fontSize(9.5);
      const head = b.head.some(Boolean) ? [b.head.map((h) => ({ text: h, type: "TH" as const, font: { src: "Helvetica-Bold" } }))] : [];
      doc.table({ data: [...head, ...b.rows], defaultStyle: { padding: 4, border: 0.5, borderColor: "#b1b4b6" } as never, maxWidth: width, position: { x: MARGIN } });
      doc.x = MARGIN;
      doc.moveDown(0.6);
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font("Helvetica").fontSize(8.5).fillColor("#505a5f");
    doc.text(header, MARGIN, 30, { width, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - 36, { width, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
