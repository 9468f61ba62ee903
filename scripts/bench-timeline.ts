// The timeline's bench (issue 9, "Scale"): a programme of 1,000 actions, 600 dependencies and
// 40 milestones across four projects, served by the real app. Prints, for the programme
// timeline page, the server time (median and 95th percentile), its HTML and gzip bytes; the PNG
// and PDF downloads' time and bytes; and the server's RSS growth over 100 renders; each against
// its budget. (scripts/bench.ts generates at import time, so its generator cannot be imported
// without reshaping that file; this one writes its own, in one transaction, the same way.)
// Options: --port N (default 3498), --no-build (reuse .cache/build-bench-timeline), --runs N (default 40),
// --html FILE (keep the page's HTML there, to see where its bytes go).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import { SERVER_NODE_FLAGS } from "./server-flags";

const { values: opts } = parseArgs({
  strict: false,
  options: { port: { type: "string", default: "3498" }, "no-build": { type: "boolean" }, runs: { type: "string", default: "40" }, html: { type: "string" } },
});
const PORT = Number(opts.port);
const RUNS = Number(opts.runs);
const BUILD_DIR = path.resolve(".cache/build-bench-timeline");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-timeline-"));
const DB_FILE = path.join(tmp, "bench.db");
process.env.DATABASE_PATH = DB_FILE;

export const TIMELINE_BENCH = { projects: 4, actions: 1_000, dependencies: 600, milestones: 40 };
const PASSWORD = "bench-password-2026";
const EMAIL = "manager@bench.test";
const SLUG = "bench-timeline";

const { openDatabase, runMigrations } = await import("../app/db.server");
const { addDays, todayInLondon } = await import("../app/utils/dates");
const { hashPassword } = await import("../app/modules/auth/password.server");
const TODAY = todayInLondon(new Date());

/** Writes the bench's programme into a fresh database file (also used by profiling scripts). */
export async function generate(file = DB_FILE) {
  const { sqlite, db } = openDatabase(file);
  runMigrations(db);
  const hash = await hashPassword(PASSWORD);
  let seed = 9; // mulberry32: repeatable
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
  sqlite.transaction(() => {
    const run = (sql: string, ...args: unknown[]) => Number(sqlite.prepare(sql).run(...args).lastInsertRowid);
    const action = sqlite.prepare(
      `insert into actions (project_id, work_package_id, stage_id, ref, title, planned_start, due_date, baseline_due_date, status, blocked_reason, percent_complete, completed_date)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const owner = sqlite.prepare("insert into action_owners (action_id, person_id) values (?, ?)");
    const dep = sqlite.prepare("insert into dependencies (predecessor_action_id, predecessor_milestone_id, successor_action_id, successor_milestone_id, lag_days) values (?, ?, ?, ?, ?)");
    const programmeId = run("insert into programmes (slug, name) values (?, ?)", SLUG, "Bench timeline programme");
    const manager = run("insert into people (name, email, initials) values (?, ?, ?)", "Mina Manager", EMAIL, "MM");
    run("insert into users (person_id, email, password_hash) values (?, ?, ?)", manager, EMAIL, hash);
    run("insert into programme_roles (programme_id, person_id, role) values (?, ?, ?)", programmeId, manager, "manager");
    const statuses = ["not_started", "in_progress", "in_progress", "blocked", "done", "not_started", "in_progress"] as const;
    const all: number[] = [];
    const milestones: number[] = [];
    const perProject = TIMELINE_BENCH.actions / TIMELINE_BENCH.projects;
    for (let p = 1; p <= TIMELINE_BENCH.projects; p++) {
      const projectId = run("insert into projects (programme_id, slug, name, manager_person_id) values (?, ?, ?, ?)", programmeId, `tl-${p}`, `Timeline project ${p}`, manager);
      const stagesOf: { wp: number; stages: number[] }[] = [];
      for (let w = 1; w <= 5; w++) {
        const wp = run("insert into work_packages (project_id, ref, name, position) values (?, ?, ?, ?)", projectId, `WP${w}`, `Work package ${w}`, w);
        stagesOf.push({ wp, stages: [1, 2].map((s) => run("insert into stages (work_package_id, name, position) values (?, ?, ?)", wp, `Stage ${s}`, s)) });
      }
      for (let m = 1; m <= TIMELINE_BENCH.milestones / TIMELINE_BENCH.projects; m++) {
        const target = addDays(TODAY, m * 30 - 150);
        const slip = rnd(3) === 0 ? 14 : 0;
        milestones.push(run("insert into milestones (project_id, name, target_date, baseline_date) values (?, ?, ?, ?)", projectId, `Milestone ${m}`, addDays(target, slip), target));
      }
      for (let a = 0; a < perProject; a++) {
        const { wp, stages } = stagesOf[a % 5];
        const status = statuses[rnd(statuses.length)];
        const due = addDays(TODAY, rnd(300) - 150);
        const start = addDays(due, -14 - rnd(60));
        const slipped = rnd(8) === 0;
        const id = Number(
          action.run(
            projectId, wp, stages[a % 2], `${(a % 5) + 1}.${Math.floor(a / 5) + 1}`,
            `Bench action ${a} of timeline project ${p}, a title of ordinary length`,
            rnd(15) === 0 ? null : start, rnd(40) === 0 ? null : due, slipped ? addDays(due, -21) : due, status,
            status === "blocked" ? "Waiting for a decision" : null, status === "done" ? 100 : rnd(90), status === "done" ? due : null,
          ).lastInsertRowid,
        );
        all.push(id);
        owner.run(id, manager);
      }
    }
    for (let d = 0; d < TIMELINE_BENCH.dependencies; d++) {
      const s = 1 + rnd(all.length - 1);
      const pred = Math.max(0, s - 1 - rnd(40)); // earlier, often nearby, sometimes in the previous project
      if (d % 20 === 0) dep.run(all[pred], null, null, milestones[rnd(milestones.length)], 0);
      else dep.run(all[pred], null, all[s], null, rnd(4) === 0 ? 1 + rnd(5) : 0);
    }
  })();
  sqlite.exec("analyze");
  sqlite.close();
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const rows: [string, string, string, string][] = [];
const row = (measure: string, figure: string, budget: string, ok: boolean | null) => rows.push([measure, figure, budget, ok === null ? "-" : ok ? "pass" : "FAIL"]);

/** The process's CPU time so far (user + system), in ms: a figure a busy machine disturbs less than wall time. */
function cpuMsOf(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

function rssOf(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

async function main() {
  await generate();
  console.log(
    `Generated ${TIMELINE_BENCH.projects} projects, ${TIMELINE_BENCH.actions.toLocaleString("en-GB")} actions, ${TIMELINE_BENCH.dependencies} dependencies, ${TIMELINE_BENCH.milestones} milestones; as of ${TODAY}.`,
  );
  if (!opts["no-build"] || !fs.existsSync(path.join(BUILD_DIR, "index.js"))) {
    process.stdout.write("Building the app ...\n");
    const built = spawnSync("npx", ["remix", "build"], { env: { ...process.env, WAYMARK_BUILD_DIR: BUILD_DIR }, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("remix build failed");
  }
  const base = `http://localhost:${PORT}`;
  const child = spawn("node", [...SERVER_NODE_FLAGS, "server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), DATABASE_PATH: DB_FILE, WAYMARK_BUILD_DIR: BUILD_DIR, SESSION_SECRET: "bench-session-secret-0123456789", APP_URL: base, RUN_SCHEDULER: "0" },
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
    const signIn = await fetch(`${base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: EMAIL, password: PASSWORD, redirectTo: "/" }),
    });
    const cookie = (signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    if (signIn.status !== 302 || !cookie) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
    // Rendered every time, as a hard reload asks (`no-cache`); `kept` lets the page cache answer (decision 27).
    const get = async (url: string, kept = false) => {
      const t0 = performance.now();
      const res = await fetch(base + url, { headers: { Cookie: cookie, "Accept-Encoding": "identity", ...(kept ? {} : { "Cache-Control": "no-cache" }) } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      return { ms: performance.now() - t0, body };
    };
    const pageUrl = `/programmes/${SLUG}/timeline`;
    for (let i = 0; i < 5; i++) await get(pageUrl);
    const times: number[] = [];
    let html = Buffer.alloc(0);
    const cpu0 = cpuMsOf(child.pid!);
    for (let i = 0; i < RUNS; i++) {
      const r = await get(pageUrl);
      times.push(r.ms);
      html = r.body;
    }
    const cpuPerPage = (cpuMsOf(child.pid!) - cpu0) / RUNS;
    if (opts.html) fs.writeFileSync(String(opts.html), html);
    const bars = (html.toString().match(/<a href="?\/projects\/tl-/g) ?? []).length;
    const median = quantile(times, 0.5);
    row(`Programme timeline page (${bars} bars), median`, `${median.toFixed(1)} ms`, "< 50 ms", median < 50);
    row("  95th percentile", `${quantile(times, 0.95).toFixed(1)} ms`, "-", null);
    row("  server CPU per page (user + system)", `${cpuPerPage.toFixed(1)} ms`, "-", null);
    const keptTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) keptTimes.push((await get(pageUrl, true)).ms);
    row("  the same page sent again from the page cache, median", `${quantile(keptTimes, 0.5).toFixed(1)} ms`, "-", null);
    row("  HTML", kib(html.length), "< 500 KB", html.length < 500_000);
    const gz = zlib.gzipSync(html).length;
    row("  HTML gzipped", kib(gz), "< 100 KB", gz < 100_000);

    const png = await get(`${pageUrl.replace("/timeline", "/timeline.png")}`);
    const w = png.body.readUInt32BE(16);
    const h = png.body.readUInt32BE(20);
    row(`PNG download (${w} x ${h} px${png.body.length ? ", first page of rows" : ""})`, `${png.ms.toFixed(0)} ms, ${kib(png.body.length)}`, "< 2 s", png.ms < 2000);
    const pdf = await get(`${pageUrl.replace("/timeline", "/timeline.pdf")}`);
    const pages = (pdf.body.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    row(`PDF download, A3 (${pages} pages)`, `${pdf.ms.toFixed(0)} ms, ${kib(pdf.body.length)}`, "< 3 s", pdf.ms < 3000);

    const before = rssOf(child.pid!);
    for (let i = 0; i < 100; i++) await get(pageUrl);
    const growth = rssOf(child.pid!) - before;
    row("Server RSS growth over 100 page renders", `${(growth / 1048576).toFixed(1)} MB`, "< 100 MB", growth < 100 * 1048576);
  } finally {
    child.kill("SIGTERM");
  }
  const header: [string, string, string, string] = ["Measure", "Figure", "Budget", "Result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  console.log(`\nTimeline. Load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs.`);
  console.log(line(header));
  console.log(`|${widths.map((wd, i) => (i === 0 ? `:${"-".repeat(wd + 1)}` : `${"-".repeat(wd + 1)}:`)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  fs.rmSync(tmp, { recursive: true, force: true });
  if (rows.some((r) => r[3] === "FAIL")) process.exitCode = 1;
}

// Only when run, not when imported for `generate`.
if (process.argv[1] && /bench-timeline\.ts$/.test(process.argv[1])) await main();
