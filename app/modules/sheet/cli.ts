// `waymark export-sheet`: a register as XLSX or CSV on standard output (or --out FILE), from the
// same code as the download links; the command line sees every project, so nothing is redacted.
// `waymark import-sheet`: the import preview as text, then the import (or not, with --dry-run).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { eq } from "drizzle-orm";
import { projects } from "#db/schema";
import type { Command } from "~/cli/main";
import { getDb } from "~/db.server";
import { UserInputError } from "~/utils/errors";
import { todayInLondon } from "~/modules/action/rules";
import { EXPORT_FORMATS, EXPORT_KINDS, exportRegister, type ExportFormat, type ExportKind } from "./export.server";
import { systemViewer } from "~/modules/auth/access.server";
import { systemActor } from "~/modules/audit/actor";
import { applyImport, previewOf, type ImportView } from "./import.server";
import { readSpreadsheet } from "./read";
import { maxImportBytes, sizeLimitText } from "./upload.server";

const IMPORT_USAGE = "waymark import-sheet FILE --project SLUG --kind actions|risks [--sheet NAME] [--dry-run]";

/** The preview as lines: counts, then each row that is not unchanged, errors with their cells. */
export function previewLines(view: ImportView): string[] {
  const p = view.preview;
  if (!p) return [`Sheet "${view.sheet}": no column for ${view.missing.map((f) => f.label).join(", ") || "the header row"}.`];
  const lines = [`Sheet "${view.sheet}": ${p.counts.create} to create, ${p.counts.update} to update, ${p.counts.unchanged} unchanged, ${p.counts.error} with problems.`];
  for (const r of p.rows) {
    if (r.outcome === "unchanged") continue;
    const what = r.changes.map((c) => (r.outcome === "create" ? `${c.label}: ${c.to}` : `${c.label}: ${c.from} → ${c.to}`));
    if ("notes" in r && r.notes.length) what.push(`${r.notes.length} progress ${r.notes.length === 1 ? "note" : "notes"}`);
    lines.push(`  row ${r.row} ${r.ref || "(no ref)"} ${r.outcome}${what.length ? `: ${what.join("; ")}` : ""}`);
    for (const e of r.errors) lines.push(`    ${e.sheet}!${e.column}${e.row}: ${e.message}`);
    if ("warnings" in r) for (const w of r.warnings) lines.push(`    warning: ${w}`);
  }
  for (const u of p.unknownOwners) lines.push(`  Unknown owner "${u.name}" (rows ${u.rows.join(", ")}): add the person or give their initials, then import again.`);
  if (p.missing.length) lines.push(`  Not in the sheet (kept, not deleted): ${p.missing.map((m) => m.ref).join(", ")}`);
  return lines;
}

const USAGE = "waymark export-sheet --project SLUG --kind actions|milestones|risks|decisions|benefits --format xlsx|csv [--as-of YYYY-MM-DD] [--out FILE] > file";

export const sheetCommands: Record<string, Command> = {
  "import-sheet": {
    summary: "Import an action plan or risk register from XLSX or CSV (preview with --dry-run)",
    usage: IMPORT_USAGE,
    options: { project: { type: "string" }, kind: { type: "string" }, sheet: { type: "string" }, "dry-run": { type: "boolean" } },
    async run(values, positionals, { out, err }) {
      const v = values as { project?: string; kind?: string; sheet?: string; "dry-run"?: boolean };
      const file = positionals[0];
      const kind = v.kind ?? "actions";
      if (!file || !v.project) return (err(`A FILE and --project are required.\n\nUsage: ${IMPORT_USAGE}`), 2);
      if (kind !== "actions" && kind !== "risks") return (err("--kind must be actions or risks."), 2);
      const project = getDb().select().from(projects).where(eq(projects.slug, v.project)).get();
      if (!project) return (err(`No project with the slug "${v.project}".`), 1);
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        return (err(`Cannot read ${file}: ${(error as Error).message}`), 1);
      }
      if (bytes.length > maxImportBytes()) return (err(`The file is larger than ${sizeLimitText()} (SHEET_IMPORT_MAX_MB).`), 1);
      const read = await readSpreadsheet(bytes, basename(file));
      if (!read.ok) return (err(read.reason), 1);
      if (v.sheet && !read.sheets.some((s) => s.name === v.sheet)) return (err(`No sheet "${v.sheet}": the workbook has ${read.sheets.map((s) => `"${s.name}"`).join(", ")}.`), 2);
      const choice = v.sheet ? { sheet: v.sheet } : {};
      const view = previewOf(read.sheets, { kind, projectId: project.id, choice, today: todayInLondon() });
      for (const line of previewLines(view)) out(line);
      if (!view.preview || view.preview.counts.error) return (err("Nothing was imported."), 1);
      if (v["dry-run"]) return (out("Dry run: nothing was written."), 0);
      try {
        const result = applyImport({ actor: systemActor(`cli:${process.env.USER ?? "unknown"}`), sheets: read.sheets, kind, projectId: project.id, choice, fingerprint: null, fileName: basename(file) });
        out(`Imported: ${result.counts.create} created, ${result.counts.update} updated, ${result.counts.unchanged} unchanged, ${result.notes} progress notes added.`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError) return (err(error.message), 1);
        throw error;
      }
    },
  },
  "export-sheet": {
    summary: "Export a register (actions, milestones, risks, decisions) as XLSX or CSV",
    usage: USAGE,
    options: { project: { type: "string" }, kind: { type: "string" }, format: { type: "string" }, "as-of": { type: "string" }, out: { type: "string" } },
    async run(values, _p, { err }) {
      const v = values as { project?: string; kind?: string; format?: string; "as-of"?: string; out?: string };
      const kind = v.kind ?? "actions";
      const format = v.format ?? "xlsx";
      if (!v.project) return (err(`--project is required.\n\nUsage: ${USAGE}`), 2);
      if (!(EXPORT_KINDS as readonly string[]).includes(kind)) return (err(`--kind must be one of ${EXPORT_KINDS.join(", ")}.`), 2);
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return (err(`--format must be xlsx or csv.`), 2);
      const project = getDb().select().from(projects).where(eq(projects.slug, v.project)).get();
      if (!project) return (err(`No project with the slug "${v.project}".`), 1);
      if (format === "xlsx" && !v.out && process.stdout.isTTY) return (err("Refusing to write a binary XLSX to a terminal: redirect to a file or use --out FILE."), 2);
      const search = new URLSearchParams(v["as-of"] ? { asOf: v["as-of"] } : {});
      try {
        const { body, rowCount, asOf } = await exportRegister({ kind: kind as ExportKind, format: format as ExportFormat, project, search, canSee: () => true, viewer: systemViewer() });
        if (v.out) writeFileSync(v.out, body);
        else await new Promise<void>((resolve, reject) => process.stdout.write(body, (e) => (e ? reject(e) : resolve())));
        err(`Exported ${rowCount} ${kind} of ${project.slug} as of ${asOf}.`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError) return (err(error.message), 2);
        throw error;
      }
    },
  },
};
