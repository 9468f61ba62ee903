// `waymark report draft|pdf|docx`: a highlight report's draft data from live data, and a published
// report as PDF or Word. The command line runs with the installation's full rights (systemViewer).
import { eq } from "drizzle-orm";
import { projects, reports } from "#db/schema";
import type { Command } from "~/cli/main";
import { getDb } from "~/db.server";
import { systemViewer } from "~/modules/auth/access.server";
import { isIsoDate, todayInLondon } from "~/utils/dates";
import { reportBlocks } from "./blocks";
import { draftHighlight } from "./draft.server";
import { draftEnd } from "./end.server";
import { renderReport } from "./downloads.server";
import { readEdits } from "./edits";
import { periodText } from "./period";
import { readSnapshot } from "./service.server";

const draftCommand: Command = {
  summary: "Print a highlight report (or with --end the end project report) drafted from live data for a period (text, or --json for its data)",
  usage: "waymark report draft --project SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--end] [--json]",
  options: { project: { type: "string" }, from: { type: "string" }, to: { type: "string" }, end: { type: "boolean" }, json: { type: "boolean" } },
  run(values, _p, { out, err }) {
    const { project: slug, from, to } = values as { project?: string; from?: string; to?: string };
    if (!slug || !from || !to) {
      err("--project, --from and --to are all required.");
      return 2;
    }
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      err("--from and --to must be dates written YYYY-MM-DD, --from on or before --to.");
      return 2;
    }
    const project = getDb().select().from(projects).where(eq(projects.slug, slug)).get();
    if (!project) {
      err(`No project with the slug "${slug}".`);
      return 1;
    }
    const period = { from, to };
    const input = { projectId: project.id, period, asOf: todayInLondon(), viewer: systemViewer(), edits: readEdits("{}") };
    const content = values.end ? draftEnd({ ...input, title: `${project.name}: end project report` }) : draftHighlight({ ...input, title: `${project.name}: highlight report, ${periodText(period)}` });
    if (values.json) {
      out(JSON.stringify(content, null, 2));
      return 0;
    }
    for (const b of reportBlocks(content)) {
      if (b.kind === "p") out(b.text);
      else if (b.kind === "list") for (const i of b.items) out(`  - ${i}`);
      else if (b.kind === "table") for (const r of b.rows) out(`  ${r.join(" | ")}`);
      else if (b.kind === "image") out(`  [${b.alt}]`);
      else out(`\n${b.text}`);
    }
    return 0;
  },
};

function fileCommand(format: "pdf" | "docx"): Command {
  return {
    summary: `Write a published report as ${format === "pdf" ? "PDF" : "a Word document"} to standard output`,
    usage: `waymark report ${format} --report ID > file.${format}`,
    options: { report: { type: "string" } },
    async run(values, _p, { err }) {
      const id = Number(values.report);
      if (!Number.isInteger(id) || id <= 0) {
        err("--report must be a report's id (a whole number).");
        return 2;
      }
      const report = getDb().select().from(reports).where(eq(reports.id, id)).get();
      const frozen = report && report.status !== "draft" ? readSnapshot(id) : null;
      if (!frozen) {
        err(`No published report with id ${id}.`);
        return 1;
      }
      const body = await renderReport(frozen.content, format);
      await new Promise<void>((resolve, reject) => process.stdout.write(body, (e) => (e ? reject(e) : resolve())));
      return 0;
    },
  };
}

export const reportCommands: Record<string, Command> = {
  "report draft": draftCommand,
  "report pdf": fileCommand("pdf"),
  "report docx": fileCommand("docx"),
};
