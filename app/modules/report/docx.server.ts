// A report as a Word document (docx), since committee systems take Word papers: the same blocks
// as the PDF, with real headings and tables, the title and language set.
import type * as DocxModule from "docx";
import type { Paragraph, Table } from "docx";
import { rasteriseSvg } from "~/modules/schedule/render-png.server";
import type { Block } from "./blocks";

type Docx = typeof DocxModule;

function table({ Paragraph, Table, TableCell, TableRow, TextRun, WidthType }: Docx, b: Extract<Block, { kind: "table" }>) {
  const row = (cells: string[], header = false) =>
    new TableRow({ tableHeader: header, children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...(b.head.some(Boolean) ? [row(b.head, true)] : []), ...b.rows.map((r) => row(r))] });
}

/** The text width of an A4 page with Word's default margins, in the pixels docx sizes images by. */
const IMAGE_WIDTH = 600;

export async function renderReportDocx({ title, header, blocks }: { title: string; header: string; blocks: Block[] }): Promise<Buffer> {
  // Loaded on first use: the library is megabytes of heap a server that never makes a Word file need not hold (decision 26).
  const docx = await import("docx");
  const { AlignmentType, Document, Footer, Header, HeadingLevel, ImageRun, Packer, PageNumber, Paragraph, TextRun } = docx;
  const HEADINGS = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3, h4: HeadingLevel.HEADING_4 } as const;
  // Word takes pictures as PNG: each frozen drawing is rasterised (in a child process) when asked for.
  const pngs = new Map<Block, Buffer>();
  for (const b of blocks) if (b.kind === "image") pngs.set(b, (await rasteriseSvg(b.timeline.svg, 1.5)).png);
  const children = blocks.flatMap((b): Array<Paragraph | Table> => {
    if (b.kind === "image") {
      const scale = Math.min(1, IMAGE_WIDTH / b.timeline.width);
      return [
        new Paragraph({
          children: [new ImageRun({ type: "png", data: pngs.get(b)!, transformation: { width: Math.round(b.timeline.width * scale), height: Math.round(b.timeline.height * scale) }, altText: { name: "Timeline", title: "Timeline", description: b.alt } })],
        }),
        new Paragraph({ text: b.alt, spacing: { after: 120 } }),
      ];
    }
    if (b.kind === "p") return [new Paragraph({ text: b.text, spacing: { after: 120 } })];
    if (b.kind === "list") return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    if (b.kind === "table") return [...(b.caption ? [new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] })] : []), table(docx, b), new Paragraph({ text: "" })];
    return [new Paragraph({ text: b.text, heading: HEADINGS[b.kind] })];
  });
  const doc = new Document({
    title,
    creator: "Waymark",
    styles: { default: { document: { run: { font: "Arial", size: 22, language: { value: "en-GB" } } } } },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: header, size: 18 })] })] }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], size: 18 })] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
