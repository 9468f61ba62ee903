// `npm run bench`: council-scale figures for the action plan (issue 3, "Performance").
// 1. Generates in a temporary database 10 projects, 10,000 actions, 50,000 progress notes and
//    3,000 dependencies (one transaction, prepared statements).
// 2. Times loading + evaluating the flags for all of it (budget: evaluation under 50 ms).
// 3. Builds the app into its own directory, starts the real server on that database, signs in
//    through POST /sign-in, and times a 1,000-action plan page and "my actions" for a person who
//    owns many actions (budget: 150 ms median).
// Options: --port N (default 3499), --no-build (reuse .cache/build-bench), --runs N (default 40),
// --db FILE (keep the generated database there; reuse it if it exists), --no-server (skip step 3).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3499" },
    "no-build": { type: "boolean" },
    "no-server": { type: "boolean" },
    runs: { type: "string", default: "40" },
    db: { type: "string" },
  },
});
const PORT = Number(opts.port);
const RUNS = Number(opts.runs);
const BUILD_DIR = path.resolve(".cache/build-bench");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-"));
const DB_FILE = opts.db ? path.resolve(opts.db) : path.join(tmp, "bench.db");
const REUSE = Boolean(opts.db && fs.existsSync(DB_FILE));
process.env.DATABASE_PATH = DB_FILE;

const PROJECTS = 10;
const ACTIONS_PER_PROJECT = 1_000;
const NOTES_PER_ACTION = 5;
const DEPS_PER_PROJECT = 300;
const PASSWORD = "bench-password-2026";
const OWNER_EMAIL = "owner@bench.test";

const { openDatabase, runMigrations } = await import("../app/db.server");
const { addDays, evaluateFlags, todayInLondon } = await import("../app/modules/action/rules");
const { loadSchedule } = await import("../app/modules/action/schedule.server");
const { hashPassword } = await import("../app/modules/auth/password.server");

const TODAY = todayInLondon(new Date());
const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number) {
  const sorted = [...xs].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const rows: [string, string, string, string, string][] = [];
/** A row of figures: median, 95th percentile and best, which machine load disturbs least. */
const figures = (label: string, xs: number[], budget: string): [string, string, string, string, string] => [
  label,
  ms(median(xs)),
  ms(quantile(xs, 0.95)),
  ms(Math.min(...xs)),
  budget,
];

// ------------------------------------------------------------------ 1. generate

async function generate() {
  const { sqlite, db } = openDatabase(DB_FILE);
  runMigrations(db);
  const hash = await hashPassword(PASSWORD);
  const t0 = performance.now();
  let seed = 42; // mulberry32: repeatable, and even in its low bits
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
  const counts = { projects: 0, actions: 0, notes: 0, dependencies: 0, ownedByBenchUser: 0 };
  sqlite.transaction(() => {
    const ins = {
      programme: sqlite.prepare("insert into programmes (slug, name) values (?, ?)"),
      person: sqlite.prepare("insert into people (name, email, initials) values (?, ?, ?)"),
      user: sqlite.prepare("insert into users (person_id, email, password_hash) values (?, ?, ?)"),
      project: sqlite.prepare("insert into projects (programme_id, slug, name, manager_person_id) values (?, ?, ?, ?)"),
      role: sqlite.prepare("insert into project_roles (project_id, person_id, role) values (?, ?, ?)"),
      wp: sqlite.prepare("insert into work_packages (project_id, ref, name, position) values (?, ?, ?, ?)"),
      stage: sqlite.prepare("insert into stages (work_package_id, name, position) values (?, ?, ?)"),
      milestone: sqlite.prepare("insert into milestones (project_id, name, target_date, baseline_date) values (?, ?, ?, ?)"),
      action: sqlite.prepare(
        `insert into actions (project_id, work_package_id, stage_id, ref, title, planned_start, due_date, baseline_due_date,
           status, blocked_reason, percent_complete) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      owner: sqlite.prepare("insert into action_owners (action_id, person_id) values (?, ?)"),
      note: sqlite.prepare("insert into progress_notes (action_id, author_person_id, note_date, body) values (?, ?, ?, ?)"),
      change: sqlite.prepare("insert into due_date_changes (action_id, old_due_date, new_due_date, reason) values (?, ?, ?, ?)"),
      dep: sqlite.prepare(
        "insert into dependencies (predecessor_action_id, predecessor_milestone_id, successor_action_id, successor_milestone_id, lag_days) values (?, ?, ?, ?, ?)",
      ),
    };
    const programmeId = Number(ins.programme.run("bench", "Bench programme").lastInsertRowid);
    const people: number[] = [];
    for (let i = 0; i < 200; i++) people.push(Number(ins.person.run(`Person ${i}`, `person${i}@bench.test`, `P${i}`).lastInsertRowid));
    const owner = Number(ins.person.run("Olive Owner", OWNER_EMAIL, "OO").lastInsertRowid);
    ins.user.run(owner, OWNER_EMAIL, hash);
    const statuses = ["not_started", "in_progress", "in_progress", "blocked", "done", "cancelled", "not_started"] as const;
    for (let p = 1; p <= PROJECTS; p++) {
      const projectId = Number(ins.project.run(programmeId, `bench-${p}`, `Bench project ${p}`, owner).lastInsertRowid);
      counts.projects++;
      ins.role.run(projectId, owner, p === 1 ? "manager" : "contributor");
      const stagesOf: { wp: number; stages: number[] }[] = [];
      for (let w = 1; w <= 5; w++) {
        const wp = Number(ins.wp.run(projectId, `WP${w}`, `Work package ${w}`, w).lastInsertRowid);
        stagesOf.push({ wp, stages: [1, 2].map((s) => Number(ins.stage.run(wp, `Stage ${s}`, s).lastInsertRowid)) });
      }
      const milestones: number[] = [];
      for (let m = 1; m <= 5; m++) {
        const target = addDays(TODAY, m * 30 - 60);
        milestones.push(Number(ins.milestone.run(projectId, `Milestone ${m}`, target, target).lastInsertRowid));
      }
      const ids: number[] = [];
      for (let a = 0; a < ACTIONS_PER_PROJECT; a++) {
        const { wp, stages } = stagesOf[a % 5];
        const status = statuses[rnd(statuses.length)];
        const due = addDays(TODAY, rnd(240) - 120);
        const slipped = rnd(10) === 0;
        const id = Number(
          ins.action.run(
            projectId, wp, stages[a % 2], `${(a % 5) + 1}.${Math.floor(a / 5) + 1}`, `Bench action ${a} of project ${p}`,
            addDays(due, -30 - rnd(60)), due, slipped ? addDays(due, -14) : due, status,
            status === "blocked" ? "Waiting for something" : null, status === "done" ? 100 : rnd(90),
          ).lastInsertRowid,
        );
        ids.push(id);
        counts.actions++;
        if (rnd(20) !== 0) ins.owner.run(id, people[rnd(people.length)]);
        if (rnd(12) === 0 || (p <= 3 && a % 4 === 0)) {
          ins.owner.run(id, owner);
          counts.ownedByBenchUser++;
        }
        if (slipped) ins.change.run(id, addDays(due, -14), due, "Bench slip");
        for (let n = 0; n < NOTES_PER_ACTION; n++) {
          ins.note.run(id, people[rnd(people.length)], addDays(TODAY, -rnd(120)), `Progress note ${n} on action ${a}: things moved on.`);
          counts.notes++;
        }
      }
      for (let d = 0; d < DEPS_PER_PROJECT; d++) {
        const s = 1 + rnd(ids.length - 1);
        const pred = rnd(s); // predecessor earlier than successor: no cycles
        if (d % 30 === 0) ins.dep.run(ids[pred], null, null, milestones[rnd(milestones.length)], 0);
        else ins.dep.run(ids[pred], null, ids[s], null, rnd(4) === 0 ? rnd(5) : 0);
        counts.dependencies++;
      }
    }
  })();
  sqlite.exec("analyze");
  sqlite.close();
  return { counts, seconds: (performance.now() - t0) / 1000 };
}

// ------------------------------------------------------------------ 2. flags in-process

function timeFlags() {
  const { sqlite } = openDatabase(DB_FILE);
  const projectIds = (sqlite.prepare("select id from projects").all() as { id: number }[]).map((r) => r.id);
  const loads: number[] = [];
  const evals: number[] = [];
  let flagged = 0;
  for (let i = 0; i < 33; i++) {
    const t0 = performance.now();
    const schedule = loadSchedule({ projectIds, asOf: TODAY }, sqlite);
    const t1 = performance.now();
    const result = evaluateFlags({ asOf: TODAY, actions: schedule.actions, milestones: schedule.milestones, dependencies: schedule.dependencies, settings: schedule.settings });
    const t2 = performance.now();
    if (i >= 3) {
      loads.push(t1 - t0);
      evals.push(t2 - t1);
    }
    flagged = [...result.actions.values()].filter((f) => f.length > 0).length;
  }
  const one = (sqlite.prepare("select id from projects where slug = 'bench-1'").get() as { id: number }).id;
  const single: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const s = loadSchedule({ projectIds: [one], asOf: TODAY }, sqlite);
    evaluateFlags({ asOf: TODAY, actions: s.actions, milestones: s.milestones, dependencies: s.dependencies, settings: s.settings });
    if (i >= 3) single.push(performance.now() - t0);
  }
  sqlite.close();
  rows.push(figures("Flag evaluation, all 10,000 actions (rules only)", evals, "< 50 ms"));
  rows.push(figures("Load rule inputs, all 10 projects (SQL)", loads, "-"));
  rows.push(figures("Load + evaluate, one project of 1,000 actions", single, "-"));
  return flagged;
}

// ------------------------------------------------------------------ 3. the real server

async function waitForServer(url: string, child: ReturnType<typeof spawn>) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("the server did not start within 30 s");
}

async function timePages() {
  if (!opts["no-build"] || !fs.existsSync(path.join(BUILD_DIR, "index.js"))) {
    process.stdout.write(`Building the app into ${path.relative(process.cwd(), BUILD_DIR)} ...\n`);
    const built = spawnSync("npx", ["remix", "build"], { env: { ...process.env, WAYMARK_BUILD_DIR: BUILD_DIR }, stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("remix build failed");
  }
  const base = `http://localhost:${PORT}`;
  const child = spawn("node", ["server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      DATABASE_PATH: DB_FILE,
      WAYMARK_BUILD_DIR: BUILD_DIR,
      SESSION_SECRET: "bench-session-secret-0123456789",
      APP_URL: base,
      RUN_SCHEDULER: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    await waitForServer(`${base}/sign-in`, child);
    const signIn = await fetch(`${base}/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: OWNER_EMAIL, password: PASSWORD, redirectTo: "/" }),
    });
    const cookie = (signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
    if (signIn.status !== 302 || !cookie) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
    // Each page whole (HTML), then its loader's data alone (Remix's ?_data request), so a slow
    // page shows whether the time goes in loading or in rendering.
    const pages = [
      ["Action plan page, 1,000 actions (/projects/bench-1/actions)", "/projects/bench-1/actions"],
      ["  its loader data only (?_data)", "/projects/bench-1/actions?_data=routes%2Fprojects.%24slug.actions._index"],
      ["My actions (/my-actions)", "/my-actions"],
      ["  its loader data only (?_data)", "/my-actions?_data=routes%2Fmy-actions"],
    ] as const;
    for (const [label, url] of pages) {
      const times: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        const res = await fetch(base + url, { headers: { Cookie: cookie }, redirect: "manual" });
        const body = await res.text();
        const t = performance.now() - t0;
        status = res.status;
        bytes = body.length;
        if (i >= 5) times.push(t);
      }
      const note = status === 200 ? `${Math.round(bytes / 1024)} KiB` : `HTTP ${status}!`;
      rows.push(figures(`${label}, ${note}`, times, label.startsWith(" ") ? "-" : "150 ms median"));
    }
  } finally {
    child.kill("SIGTERM");
  }
}

// ------------------------------------------------------------------ main

if (!REUSE) {
  const gen = await generate();
  const c = gen.counts;
  console.log(
  `Generated ${c.projects} projects, ${c.actions.toLocaleString("en-GB")} actions, ${c.notes.toLocaleString("en-GB")} progress notes, ` +
    `${c.dependencies.toLocaleString("en-GB")} dependencies (${c.ownedByBenchUser} owned by ${OWNER_EMAIL}) in ${gen.seconds.toFixed(1)} s; as of ${TODAY}.`,
  );
} else console.log(`Reusing ${DB_FILE}; as of ${TODAY}.`);
const flagged = timeFlags();
console.log(`${flagged.toLocaleString("en-GB")} actions carry at least one flag.`);
try {
  if (!opts["no-server"]) await timePages();
} catch (error) {
  rows.push([`Pages not measured: ${(error as Error).message}`, "-", "-", "-", "150 ms median"]);
}
const header = ["Measure", "Median", "95th pct", "Best", "Budget"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => `| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(" | ")} |`;
console.log("");
console.log(`Load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs.`);
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`);
for (const r of rows) console.log(line(r));
fs.rmSync(tmp, { recursive: true, force: true });
