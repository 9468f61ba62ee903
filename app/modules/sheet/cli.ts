// `waymark export-sheet`: a register as XLSX or CSV on standard output (or --out FILE), from the
// same code as the download links. The command line sees every project, so nothing is redacted.
import { writeFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { projects } from "#db/schema";
import type { Command } from "~/cli/main";
import { getDb } from "~/db.server";
import { UserInputError } from "~/utils/errors";
import { EXPORT_FORMATS, EXPORT_KINDS, exportRegister, type ExportFormat, type ExportKind } from "./export.server";
import { systemViewer } from "~/modules/auth/access.server";

const USAGE = "waymark export-sheet --project SLUG --kind actions|milestones|risks|decisions --format xlsx|csv [--as-of YYYY-MM-DD] [--out FILE] > file";

export const sheetCommands: Record<string, Command> = {
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
