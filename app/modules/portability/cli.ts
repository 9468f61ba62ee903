// CLI commands for the flag rules and project portability: `waymark flags`, `export`, `import`.
import fs from "node:fs";
import type { Command } from "~/cli/main";
import { systemActor } from "~/modules/audit/actor";
import { exportProject, ProjectNotFoundError } from "./export.server";
import { flagsCommand } from "./flags-cli";
import { ImportRefusedError, importProject } from "./import.server";

const exportCommand: Command = {
  summary: "Write a whole project as JSON to standard output (docs/export-format.md)",
  usage: "waymark export --project SLUG > project.json",
  options: { project: { type: "string" } },
  run(values, _p, { out, err }) {
    const slug = values.project as string | undefined;
    if (!slug) {
      err("Name the project: waymark export --project SLUG");
      return 2;
    }
    try {
      out(JSON.stringify(exportProject({ slug }), null, 2));
      return 0;
    } catch (error) {
      if (error instanceof ProjectNotFoundError) {
        err(error.message);
        return 1;
      }
      throw error;
    }
  },
};

const importCommand: Command = {
  summary: "Import a project exported by `waymark export` (all of it, or nothing)",
  usage: "waymark import FILE",
  run(_v, positionals, { out, err }) {
    const file = positionals[0];
    if (!file) {
      err("Name the file to import: waymark import project.json");
      return 2;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      err(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      err(`${file} is not valid JSON: ${(error as Error).message}. Nothing was imported.`);
      return 1;
    }
    try {
      const summary = importProject({ actor: systemActor(`cli:${process.env.USER ?? "unknown"}`), value });
      const c = summary.counts;
      out(
        `Imported project "${summary.slug}": ${c.actions} actions, ${c.progressNotes} progress notes, ` +
          `${c.dependencies} dependencies, ${c.milestones} milestones, ${c.workPackages} work packages.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof ImportRefusedError) {
        err(`${file} was not imported; nothing was written. ${error.errors.length} problem${error.errors.length === 1 ? "" : "s"}:`);
        for (const line of error.errors.slice(0, 100)) err(`  ${line}`);
        if (error.errors.length > 100) err(`  … and ${error.errors.length - 100} more`);
        return 1;
      }
      throw error;
    }
  },
};

export const portabilityCommands: Record<string, Command> = {
  flags: flagsCommand,
  export: exportCommand,
  import: importCommand,
};
