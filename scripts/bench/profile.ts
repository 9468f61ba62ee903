// `npm run bench:profile -- --only "action page"`: where one page's server time goes.
// Generates the bench data (scripts/bench/generate.ts) into .cache/bench-profile.db once, starts the
// built server (.cache/build-bench, as `npm run bench` builds it) under `node --cpu-prof`, loads one
// page at concurrency 1 for --seconds (10), stops the server and prints the profile's heaviest
// functions, by self time and by total time (own code and what it calls). The .cpuprofile file is
// kept in .cache/profiles/ for Chrome's DevTools (Performance > Load profile).
// Options: --port N (3441), --only NAME (a page name from pages.ts) or --path /url, --seconds S, --top N (25),
// --build DIR (.cache/build-bench).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { openDatabase, runMigrations } from "../../app/db.server";
import { hashPassword } from "../../app/modules/auth/password.server";
import { todayInLondon } from "../../app/modules/action/rules";
import { BENCH_PASSWORD, generateBenchData, type BenchData } from "./generate";
import { pages } from "./harness";
import "./pages";
import { SERVER_NODE_FLAGS } from "../server-flags";

const { values: opts } = parseArgs({
  options: {
    port: { type: "string", default: "3441" },
    only: { type: "string", default: "Project action plan" },
    seconds: { type: "string", default: "10" },
    top: { type: "string", default: "25" },
    path: { type: "string" },
    build: { type: "string", default: ".cache/build-bench" },
  },
});
const PORT = Number(opts.port);
const BASE = `http://localhost:${PORT}`;
const BUILD_DIR = path.resolve(opts.build!);
const DB_FILE = path.resolve(".cache/bench-profile.db");
const DATA_FILE = `${DB_FILE}.json`;
const PROFILE_DIR = path.resolve(".cache/profiles");
if (!fs.existsSync(path.join(BUILD_DIR, "index.js"))) throw new Error(`No build in ${opts.build}: run \`npm run bench\` once first.`);

let data: BenchData;
if (fs.existsSync(DB_FILE) && fs.existsSync(DATA_FILE)) data = JSON.parse(fs.readFileSync(DATA_FILE, "utf8")) as BenchData;
else {
  for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) fs.rmSync(f, { force: true });
  const { sqlite, db } = openDatabase(DB_FILE);
  runMigrations(db);
  data = generateBenchData(sqlite, { today: todayInLondon(new Date()), passwordHash: await hashPassword(BENCH_PASSWORD) });
  sqlite.exec("analyze");
  sqlite.close();
  fs.writeFileSync(DATA_FILE, JSON.stringify(data));
}
const spec = opts.path
  ? { name: opts.path, path: () => opts.path! }
  : pages.find((p) => p.name.toLowerCase().includes(opts.only!.toLowerCase()));
if (!spec) throw new Error(`No page named like "${opts.only}": ${pages.map((p) => p.name).join("; ")}`);

fs.mkdirSync(PROFILE_DIR, { recursive: true });
const before = new Set(fs.readdirSync(PROFILE_DIR));
const child = spawn("node", [...SERVER_NODE_FLAGS, "--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`, "server.js"], {
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
process.on("exit", () => child.exitCode === null && child.kill("SIGTERM"));
for (let i = 0; ; i++) {
  if (i > 600 || child.exitCode !== null) throw new Error("the server did not start");
  try {
    await fetch(`${BASE}/sign-in`, { redirect: "manual" });
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
const signIn = await fetch(`${BASE}/sign-in`, {
  method: "POST",
  redirect: "manual",
  headers: { Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ email: data.ownerEmail, password: BENCH_PASSWORD, redirectTo: "/" }),
});
const cookie = (signIn.headers.getSetCookie?.() ?? []).map((x) => x.split(";")[0]).join("; ");
const url = BASE + spec.path(data);
// A hard reload's request: the page is rendered every time, not sent from the page cache (decision 27).
const headers = { Cookie: cookie, "Accept-Encoding": "gzip", "Cache-Control": "no-cache" };
const first = await fetch(url, { headers });
console.log(`${spec.name}: ${url} HTTP ${first.status}, ${(await first.arrayBuffer()).byteLength} bytes on the wire`);
await autocannon({ url, connections: 1, amount: 20, headers });
const result = await autocannon({ url, connections: 1, duration: Number(opts.seconds), headers });
console.log(`${result.requests.total} requests, median ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
const exited = new Promise((r) => child.once("exit", r));
child.kill("SIGTERM");
await exited;

// ------------------------------------------------------------------ the profile
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = fs.readdirSync(PROFILE_DIR).find((f) => !before.has(f) && f.endsWith(".cpuprofile"));
if (!file) throw new Error("the server wrote no profile");
const target = path.join(PROFILE_DIR, `${spec.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}.cpuprofile`);
fs.renameSync(path.join(PROFILE_DIR, file), target);
const profile = JSON.parse(fs.readFileSync(target, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfSamples = new Map<number, number>();
for (const s of profile.samples) selfSamples.set(s, (selfSamples.get(s) ?? 0) + 1);
const label = (n: Node) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "")}:${f.lineNumber + 1}` : "";
  return `${f.functionName || "(anonymous)"} ${where}`.trim();
};
const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
let idle = 0;
for (const [id, count] of selfSamples) {
  const n = byId.get(id)!;
  all += count;
  if (n.callFrame.functionName === "(idle)") idle += count;
  self.set(label(n), (self.get(label(n)) ?? 0) + count);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + count);
  }
}
const busy = all - idle;
const top = Number(opts.top);
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (% of ${busy} busy samples)`);
  for (const [l, c] of [...m].filter(([l]) => !l.startsWith("(idle)") && !l.startsWith("(root)")).sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * c) / busy).toFixed(1).padStart(5)}%  ${l}`);
};
print("Self time", self);
print("Total time", total);
console.log(`\nProfile: ${path.relative(process.cwd(), target)}`);
