// `npm run bench`: Waymark at council scale, measured over the real built server.
// 1. Generates in a temporary database one programme of four projects: 1,000 actions, 600
//    dependencies (some across projects), about 3,000 progress notes, 40 milestones, risk registers
//    (scripts/bench/generate.ts).
// 2. Builds the app into .cache/build-bench and starts `node server.js` on it (whatever server.js
//    does, compression included), signs in 20 users.
// 3. For each page (pages.ts): bytes raw and gzip, then autocannon in process at concurrency 1
//    and 10: median, p95, p99, and the server's CPU ms per request (from /proc/<pid>/stat). A page
//    the server keeps (decision 27) is measured both rendered (a hard reload) and as sent again.
// 4. Sections (sections.ts): a mixed load of many users at a steady 20 requests/s with 10% writes,
//    and the flag rules over 10,000 actions. The server's RSS before and after.
// Budgets print PASS/FAIL beside each figure. Options: --port N (3355), --no-build (reuse the
// build), --c1 S and --c10 S (seconds per page per concurrency, 4), --mixed S (30),
// --only NAME (pages whose name contains NAME).
// To add a page or a section, see harness.ts.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase, runMigrations } from "../../app/db.server";
import { hashPassword } from "../../app/modules/auth/password.server";
import { todayInLondon } from "../../app/modules/action/rules";
import { BENCH_PASSWORD, generateBenchData } from "./generate";
import { isKept, kb, load, ms, pages, quantile, rssMB, sections, sizes, table, verdict, type BenchContext, type Figure } from "./harness";
import "./pages";
import "./sections";
import { SERVER_NODE_FLAGS } from "../server-flags";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3355" },
    "no-build": { type: "boolean" },
    c1: { type: "string", default: "4" },
    c10: { type: "string", default: "4" },
    mixed: { type: "string", default: "30" },
    only: { type: "string" },
  },
});
const PORT = Number(opts.port);
const BASE = `http://localhost:${PORT}`;
const BUILD_DIR = path.resolve(".cache/build-bench");
const P99_C10_BUDGET = 150;
const RSS_BUDGET = 250;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-"));
const DB_FILE = path.join(tmp, "bench.db");
process.env.DATABASE_PATH = DB_FILE;
const TODAY = todayInLondon(new Date());

// ------------------------------------------------------------------ 1. data
const { sqlite, db } = openDatabase(DB_FILE);
runMigrations(db);
const t0 = performance.now();
const data = generateBenchData(sqlite, { today: TODAY, passwordHash: await hashPassword(BENCH_PASSWORD) });
sqlite.exec("analyze");
sqlite.close();
const c = data.counts;
console.log(
  `Generated 4 projects: ${c.actions} actions, ${c.dependencies} dependencies, ${c.notes} progress notes, ${c.milestones} milestones, ` +
    `${c.risks} risks in ${((performance.now() - t0) / 1000).toFixed(1)} s; as of ${TODAY}.`,
);

// ------------------------------------------------------------------ 2. the server
if (!opts["no-build"] || !fs.existsSync(path.join(BUILD_DIR, "index.js"))) {
  console.log(`Building the app into ${path.relative(process.cwd(), BUILD_DIR)} ...`);
  if (!fs.existsSync("public/styles/app.css")) spawnSync("node", ["scripts/build-css.js"], { stdio: "inherit" });
  const built = spawnSync("npx", ["remix", "build"], { env: { ...process.env, WAYMARK_BUILD_DIR: BUILD_DIR }, stdio: ["ignore", "ignore", "inherit"] });
  if (built.status !== 0) throw new Error("remix build failed");
}
const child = spawn("node", [...SERVER_NODE_FLAGS, "server.js"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    DATABASE_PATH: DB_FILE,
    WAYMARK_BUILD_DIR: BUILD_DIR,
    SESSION_SECRET: "bench-session-secret-0123456789",
    APP_URL: BASE,
    RUN_SCHEDULER: "0",
  },
  stdio: ["ignore", "ignore", "inherit"],
});
const stop = () => {
  if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("exit", stop);
process.on("SIGINT", () => process.exit(130));

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      await fetch(`${BASE}/sign-in`, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("the server did not start within 60 s");
}

async function signIn(email: string) {
  const res = await fetch(`${BASE}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD, redirectTo: "/" }),
  });
  const cookie = (res.headers.getSetCookie?.() ?? []).map((x) => x.split(";")[0]).join("; ");
  if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: HTTP ${res.status}`);
  return cookie;
}

const pageRows: string[][] = [];
const otherRows: string[][] = [];
let rssBefore = NaN;
let rssAfter = NaN;
try {
  await waitForServer();
  const cookies: string[] = [];
  for (const email of data.userEmails) cookies.push(await signIn(email));
  const pid = child.pid!;
  rssBefore = rssMB(pid);
  const ctx: BenchContext = {
    base: BASE,
    data,
    cookies,
    serverPid: pid,
    durations: { c1: Number(opts.c1), c10: Number(opts.c10), mixed: Number(opts.mixed) },
  };

  // ---------------------------------------------------------------- 3. pages
  const headers = { Cookie: cookies[0]!, "Accept-Encoding": "gzip" };
  // A hard reload's request: the page is rendered even when the server keeps it (decision 27).
  const rendering = { ...headers, "Cache-Control": "no-cache" };
  for (const spec of pages.filter((p) => !opts.only || p.name.toLowerCase().includes(opts.only.toLowerCase()))) {
    const url = BASE + spec.path(data);
    const size = await sizes(url, cookies[0]!);
    if (size.status !== 200) {
      pageRows.push([spec.name, `HTTP ${size.status}`, "", "", "", "", "", "", "", "", "FAIL"]);
      continue;
    }
    // Warm up for 2 s, rendering: 20 requests left the first page measured still paying for the JIT.
    await load({ url, connections: 1, duration: 2, headers: rendering, pid });
    // A page the server keeps is measured twice: rendered each time (the median budget is for this),
    // and as a link or a reload asks for it, sent again from the page cache (the c=10 budget).
    const kept = await isKept(url, cookies[0]!);
    const runs: Array<{ label: string; headers: Record<string, string>; median: boolean; p99: boolean }> = kept
      ? [
          { label: `${spec.name}: rendered (hard reload)`, headers: rendering, median: true, p99: false },
          { label: `${spec.name}: as sent (page cache)`, headers, median: false, p99: true },
        ]
      : [{ label: spec.name, headers, median: true, p99: true }];
    for (const run of runs) {
      const one = await load({ url, connections: 1, duration: ctx.durations.c1, headers: run.headers, pid });
      const ten = await load({ url, connections: 10, duration: ctx.durations.c10, headers: run.headers, pid });
      const median = quantile(one.times, 0.5);
      const p99ten = quantile(ten.times, 0.99);
      const checks: string[] = [];
      if (run.median && spec.budget?.medianMs !== undefined) checks.push(`median < ${spec.budget.medianMs} ms ${verdict(median < spec.budget.medianMs)}`);
      if (spec.budget?.rawKB !== undefined) checks.push(`raw < ${spec.budget.rawKB} KB ${verdict(size.raw / 1024 < spec.budget.rawKB)}`);
      if (run.p99) checks.push(`c=10 p99 < ${P99_C10_BUDGET} ms ${verdict(p99ten < P99_C10_BUDGET)}`);
      const failures = one.errors + one.non2xx + ten.errors + ten.non2xx;
      if (failures) checks.push(`${failures} failed requests FAIL`);
      pageRows.push([
        run.label,
        ms(median),
        ms(quantile(one.times, 0.95)),
        ms(quantile(one.times, 0.99)),
        ms(quantile(ten.times, 0.5)),
        ms(quantile(ten.times, 0.95)),
        ms(p99ten),
        kb(size.raw),
        `${kb(size.gzip)}${size.wire !== "identity" ? ` (${size.wire})` : ""}`,
        one.cpuMsPerRequest.toFixed(1),
        checks.join("; "),
      ]);
    }
    process.stdout.write(`  measured ${spec.name}${kept ? " (rendered, and from the page cache)" : ""}\n`);
  }

  // ---------------------------------------------------------------- 4. sections
  for (const s of sections) {
    const figures: Figure[] = await s.run(ctx);
    for (const f of figures) otherRows.push([`${s.name}: ${f.label}`, f.value, f.budget ? `${f.budget} ${verdict(f.pass)}` : ""]);
    process.stdout.write(`  measured ${s.name}\n`);
  }
  rssAfter = rssMB(pid);
} catch (error) {
  otherRows.push([`Not measured: ${(error as Error).message}`, "-", "FAIL"]);
} finally {
  stop();
}

const load1 = os.loadavg();
console.log("");
console.log(
  `Load average at the end: ${load1.map((x) => x.toFixed(2)).join(", ")} (1, 5, 15 min) on ${os.cpus().length} CPUs; ` +
    `${opts.c1} s per page at c=1 and ${opts.c10} s at c=10. Times are per request, in ms; CPU is the server's per request at c=1.`,
);
console.log("");
console.log(
  table(["Page", "c=1 p50", "c=1 p95", "c=1 p99", "c=10 p50", "c=10 p95", "c=10 p99", "raw", "gzip", "CPU ms", "Budgets"], pageRows),
);
console.log("");
const rssPass = rssAfter < RSS_BUDGET;
otherRows.push(["Server RSS before the pages", `${rssBefore.toFixed(0)} MB`, ""]);
otherRows.push(["Server RSS after the run", `${rssAfter.toFixed(0)} MB`, `< ${RSS_BUDGET} MB ${verdict(rssPass)}`]);
console.log(table(["Measure", "Value", "Budget"], otherRows));
fs.rmSync(tmp, { recursive: true, force: true });
