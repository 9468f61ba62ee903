// `waymark seed --demo [--if-empty] [--today YYYY-MM-DD]`: loads the demo into an empty database.
import { sql } from "drizzle-orm";
import { projects } from "#db/schema";
import type { Command } from "~/cli/main";
import { write } from "~/db.server";
import { londonToday } from "./dates";
import { getEnv } from "~/env.server";
import { seedDemo } from "./demo";
import { seedDemoReports } from "./demo-reports";

export const seedCommand: Command = {
  summary: "Load the demo data (programme, three projects, demo users) into an empty database",
  usage: "waymark seed --demo [--if-empty] [--today YYYY-MM-DD]",
  options: {
    demo: { type: "boolean" },
    "if-empty": { type: "boolean" },
    today: { type: "string" },
  },
  run(values, _p, { out, err }) {
    if (!values.demo) {
      err("Say what to seed: waymark seed --demo");
      return 2;
    }
    const today = (values.today as string | undefined) ?? londonToday();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(`${today}T00:00:00Z`))) {
      err(`--today must be a date written YYYY-MM-DD, not "${today}".`);
      return 2;
    }
    const started = Date.now();
    const result = write((tx) => {
      const count = tx.select({ n: sql<number>`count(*)` }).from(projects).get()?.n ?? 0;
      if (count > 0) return { skipped: count };
      return { seeded: seedDemo(tx, { today }) };
    });
    if ("skipped" in result) {
      if (values["if-empty"]) {
        out(`Skipped: the database already has ${result.skipped} project(s); the demo is only loaded into an empty database.`);
        return 0;
      }
      err(`Refused: the database already has ${result.skipped} project(s). The demo is only loaded into an empty database (use --if-empty to skip quietly).`);
      return 1;
    }
    const reports = seedDemoReports({ today });
    out(`Demo loaded around ${today} in ${Date.now() - started} ms: programme revs-bens with projects home-working-pilot, benefits-improvement and rb-partnership.`);
    out(`Committee progress report, readable without an account: ${getEnv().APP_URL}/published/${reports.committeeToken}`);
    out(`The programme's published reports, listed for the scrutiny committee: ${getEnv().APP_URL}/published/programmes/${reports.indexToken}`);
    out("Demo users (password in seeds/demo-users.ts): admin@, manager@, contributor@, board@, consultee@, reader@, partner@waymark.test.");
    return 0;
  },
};
