// The timeline as a vector PDF (pdfkit + svg-to-pdfkit): the same drawing as the page and the
// PNG, paged like the print stylesheet: each A3 (or A4) landscape page fits the chart's width
// and repeats the title, the time header and the row labels, so any page reads on its own.
// Text stays text (selectable, searchable); the document carries its title and language.
import { loadPdfKit } from "~/utils/lazy-libs.server";
import type { Layout } from "./layout";
import { FOOTER_HEIGHT, TITLE_HEIGHT, pageRanges, standaloneSvg, type StandaloneOptions } from "./svg";

const PAPER = { a3: [1190.55, 841.89], a4: [841.89, 595.28] } as const; // landscape, in points
const MARGIN = 24;

/** Row ranges of the PDF's pages: as many rows as fit the paper once the chart fits its width. */
export function pdfPages(layout: Layout, paper: "a3" | "a4") {
  const [pw, ph] = PAPER[paper];
  const scale = Math.min(1, (pw - 2 * MARGIN) / layout.width);
  const room = (ph - 2 * MARGIN) / scale - TITLE_HEIGHT - layout.headerHeight - FOOTER_HEIGHT;
  return { scale, ranges: pageRanges(layout, Math.max(5, Math.floor(room / layout.rowHeight))) };
}

export async function renderTimelinePdf(layout: Layout, opts: StandaloneOptions & { paper: "a3" | "a4" }): Promise<Buffer> {
  const { PDFDocument, SVGtoPDF } = await loadPdfKit();
  const [pw] = PAPER[opts.paper];
  const { scale, ranges } = pdfPages(layout, opts.paper);
  const doc = new PDFDocument({
    size: opts.paper.toUpperCase(),
    layout: "landscape",
    margin: 0,
    autoFirstPage: false,
    lang: "en-GB",
    displayTitle: true,
    info: { Title: opts.title, Subject: opts.subtitle, Creator: "Waymark", Producer: "Waymark" },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  ranges.forEach((rows, i) => {
    doc.addPage();
    const svg = standaloneSvg(layout, { ...opts, rows, footer: `${opts.footer ?? ""} Page ${i + 1} of ${ranges.length}.`.trim() });
    const h = TITLE_HEIGHT + layout.headerHeight + (rows[1] - rows[0]) * layout.rowHeight + FOOTER_HEIGHT;
    SVGtoPDF(doc, svg, MARGIN, MARGIN, {
      width: Math.min(pw - 2 * MARGIN, layout.width * scale),
      height: h * scale,
      preserveAspectRatio: "xMinYMin meet",
      fontCallback: (_family, bold) => (bold ? "Helvetica-Bold" : "Helvetica"),
    });
  });
  doc.end();
  return done;
}
