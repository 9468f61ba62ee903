// A report as a Word document (docx), since committee systems take Word papers: the same blocks
// as the PDF, with real headings and tables, the title and language set.
import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import type { Block } from "./blocks";

const HEADINGS = { h1: HeadingLevel.HEADING_1, h2: HeadingLevel.HEADING_2, h3: HeadingLevel.HEADING_3, h4: HeadingLevel.HEADING_4 } as const;

function table(b: Extract<Block, { kind: "table" }>) {
  const row = (cells: string[], header = false) =>
    new TableRow({ tableHeader: header, children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...(b.head.some(Boolean) ? [row(b.head, true)] : []), ...b.rows.map((r) => row(r))] });
}

export function renderReportDocx({ title, header, blocks }: { title: string; header: string; blocks: Block[] }): Promise<Buffer> {
  const children = blocks.flatMap((b): Array<Paragraph | Table> => {
    if (b.kind === "p") return [new Paragraph({ text: b.text, spacing: { after: 120 } })];
    if (b.kind === "list") return b.items.map((text) => new Paragraph({ text, bullet: { level: 0 } }));
    if (b.kind === "table") return [table(b), new Paragraph({ text: "" })];
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
