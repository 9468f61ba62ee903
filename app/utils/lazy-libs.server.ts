// File-format libraries a server needs only when someone asks for such a file, loaded on first use
// instead of at start: pdfkit, exceljs, docx and nodemailer together were some 19 MB of the
// server's heap (and more of its RSS) that every collection then marked (decision 26). Each
// `import()` after the first resolves from the module cache.

/** pdfkit with svg-to-pdfkit (which draws into a pdfkit document). */
export async function loadPdfKit() {
  const [{ default: PDFDocument }, { default: SVGtoPDF }] = await Promise.all([import("pdfkit"), import("svg-to-pdfkit")]);
  return { PDFDocument, SVGtoPDF };
}
