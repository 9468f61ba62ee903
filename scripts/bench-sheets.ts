// The spreadsheet bench (issue 11, "Performance"): a project of 1,000 actions. Prints the import
// preview of a 1,000-row sheet (read + compare, the work behind the preview page) and of a
// 10,000-row one; the XLSX export of the 1,000-action plan; and /api/v1/projects/<slug>/actions?limit=100
// served by the real app, median and 95th percentile at concurrency 1 and 10; each against its budget.
// Options: --port N (default 3497), --no-build (reuse .cache/build-bench-sheets), --runs N (default 200 API requests per level).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { SERVER_NODE_FLAGS } from "./server-flags";

const { values: opts } = parseArgs({ options: { port: { type: "string", default: "3497" }, "no-build": { type: "boolean" }, runs: { type: "string", default: "200" } } });
const PORT = Number(opts.port);
const RUNS = Number(opts.runs);
const BUILD_DIR = path.resolve(".cache/build-bench-sheets");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-sheets-"));
const DB_FILE = path.join(tmp, "bench.db");
process.env.DATABASE_PATH = DB_FILE;
const SLUG = "bench-sheets";

const { write, closeDb } = await import("../app/db.server");
const f = await import("../seeds/factories");
const { addDays, todayInLondon } = await import("../app/utils/dates");
const { previewOf } = await import("../app/modules/sheet/import.server");
const { readSpreadsheet } = await import("../app/modules/sheet/read");
const { exportRegister } = await import("../app/modules/sheet/export.server");
const { systemViewer } = await import("../app/modules/auth/access.server");
const { systemActor } = await import("../app/modules/audit/actor");
const { createToken } = await import("../app/modules/api/tokens.server");
const TODAY = todayInLondon(new Date());

function generate() {
  return write((tx) => {
    const project = f.createProject(tx, { slug: SLUG, name: "Bench sheets" });
    const manager = f.createUser(tx, { name: "Mina Manager", email: "manager@bench.test" });
    f.addRole(tx, project.id, manager.person.id, "manager");
    const people = Array.from({ length: 20 }, (_, i) => f.createPerson(tx, { name: `Officer ${i}`, initials: `O${i}` }));
    const wps = Array.from({ length: 5 }, (_, i) => f.createWorkPackage(tx, project.id, { ref: `WP${i + 1}`, name: `Work package ${i + 1}` }));
    for (let a = 0; a < 1_000; a++) {
      const action = f.createAction(tx, project.id, {
        ref: `${(a % 5) + 1}.${Math.floor(a / 5) + 1}`,
        title: `Bench action ${a}, a title of ordinary length for an action plan`,
        workPackageId: wps[a % 5]!.id,
        dueDate: `2027-0${(a % 9) + 1}-1${a % 9}`,
        deadlineText: a % 3 ? "" : "end of the quarter",
        status: a % 4 ? "in_progress" : "not_started",
        percentComplete: a % 100,
        ownerPersonIds: [people[a % 20]!.id],
      });
      f.addProgressNote(tx, action.id, { noteDate: "2026-01-15", body: `Progress on action ${a}` });
    }
    return { project, manager };
  });
}

async function sheetOf(rows: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  ws.addRow(["Ref", "Actions", "Outcomes", "Work package", "Deadline dates", "Officer Lead", "Status", "Progress"]);
  for (let a = 0; a < rows; a++)
    ws.addRow([
      `${(a % 5) + 1}.${Math.floor(a / 5) + 1}`,
      `Bench action ${a}, a title of ordinary length for an action plan`,
      "Better services",
      `WP${(a % 5) + 1}`,
      a % 7 ? "end of Nov 27" : "Ongoing",
      `O${a % 20} & Officer ${(a + 1) % 20}`,
      "In progress",
      `Progress on action ${a}\n12/03/26 – Met the team about action ${a}`,
    ]);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
const rows: [string, string, string, string][] = [];
const row = (measure: string, figure: string, budget: string, ok: boolean | null) => rows.push([measure, figure, budget, ok === null ? "-" : ok ? "pass" : "FAIL"]);

async function timePreview(n: number, projectId: number, runs: number) {
  const bytes = await sheetOf(n);
  const times: number[] = [];
  let counts = "";
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const read = await readSpreadsheet(bytes, "plan.xlsx");
    if (!read.ok) throw new Error(read.reason);
    const view = previewOf(read.sheets, { kind: "actions", projectId, choice: {}, today: TODAY });
    times.push(performance.now() - t0);
    const c = view.preview!.counts;
    counts = `${c.create} new, ${c.update} updated, ${c.unchanged} unchanged`;
  }
  return { median: quantile(times, 0.5), counts, kb: Math.round(bytes.length / 1024) };
}

async function main() {
  const { project, manager } = generate();
  console.log(`Generated a project of 1,000 actions with owners and notes; as of ${TODAY}.`);

  const p1 = await timePreview(1_000, project.id, 5);
  row(`Import preview, 1,000-row XLSX (${p1.kb} KiB; ${p1.counts}), median of 5`, `${p1.median.toFixed(0)} ms`, "< 2 s", p1.median < 2000);
  const p10 = await timePreview(10_000, project.id, 1);
  row(`Import preview, 10,000-row XLSX (${p10.kb} KiB)`, `${p10.median.toFixed(0)} ms`, "< 5 s", p10.median < 5000);

  const exportTimes: number[] = [];
  let exportBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const { body } = await exportRegister({ kind: "actions", format: "xlsx", project, search: new URLSearchParams(), canSee: () => true, viewer: systemViewer() });
    exportTimes.push(performance.now() - t0);
    exportBytes = body.length;
  }
  const em = quantile(exportTimes, 0.5);
  row(`XLSX export of the 1,000-action plan (${Math.round(exportBytes / 1024)} KiB), median of 5`, `${em.toFixed(0)} ms`, "< 1 s", em < 1000);

  const { token } = createToken({ actor: systemActor("bench"), userId: manager.user.id, name: "bench", expiresOn: addDays(TODAY, 300), today: TODAY });
  closeDb();
  if (!opts["no-build"] || !fs.existsSync(path.join(BUILD_DIR, "index.js"))) {
    process.stdout.write("Building the app ...\n");
    const built = spawnSync("npx", ["remix", "build"], { env: { ...process.env, WAYMARK_BUILD_DIR: BUILD_DIR }, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("remix build failed");
  }
  const base = `http://localhost:${PORT}`;
  const child = spawn("node", [...SERVER_NODE_FLAGS, "server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_PATH: DB_FILE, WAYMARK_BUILD_DIR: BUILD_DIR, APP_URL: base, RUN_SCHEDULER: "0", WAYMARK_API_RATE_LIMIT: "1000000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
      try {
        await fetch(`${base}/sign-in`);
        break;
      } catch {
        if (i > 300) throw new Error("the server did not start");
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const url = `${base}/api/v1/projects/${SLUG}/actions?limit=100`;
    const get = async () => {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 20; i++) await get();
    for (const concurrency of [1, 10]) {
      const times: number[] = [];
      let left = RUNS;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left-- > 0) times.push(await get());
        }),
      );
      const median = quantile(times, 0.5);
      row(`API actions?limit=100, concurrency ${concurrency} (${times.length} requests), median`, `${median.toFixed(1)} ms`, "< 15 ms", median < 15);
      row("  95th percentile", `${quantile(times, 0.95).toFixed(1)} ms`, "-", null);
    }
  } finally {
    child.kill("SIGTERM");
  }
  const header: [string, string, string, string] = ["Measure", "Figure", "Budget", "Result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(`\nSpreadsheets and API. Load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs.`);
  console.log(line(header));
  console.log(`|${widths.map((wd, i) => (i === 0 ? `:${"-".repeat(wd + 1)}` : `${"-".repeat(wd + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (rows.some((r) => r[3] === "FAIL")) process.exitCode = 1;
}

await main();
