// Figures for the dependency graph, calendar and feeds (issue 10); hooked into `npm run bench`.
// 1. Feed build time: a person owning 1,000 open actions (200 of them moved once) and 20
//    milestones, in a temporary database; times the whole feed request path (token lookup,
//    access, events, flags, ICS) and the ICS step alone. Budget: under 50 ms for the feed.
// 2. JavaScript per page, gzip: from the build's manifest (run `npm run build` first; honours
//    WAYMARK_BUILD_DIR), the entry, root and the route's static imports. Checks that mermaid and
//    react-big-calendar are in no page's static JavaScript (they load with import() on their pages).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-graph-"));
process.env.DATABASE_PATH = path.join(tmp, "bench.db");
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ITEMS = 1_000;

const { getSqlite, write } = await import("../app/db.server");
const { addDays, todayInLondon } = await import("../app/modules/action/rules");
const { systemActor } = await import("../app/modules/audit/actor");
const { createFeedToken, feedForToken } = await import("../app/modules/calendar/feeds.server");
const { loadEvents } = await import("../app/modules/calendar/events.server");
const { buildIcs } = await import("../app/modules/calendar/ics");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const TODAY = todayInLondon(new Date());
const APP = "https://waymark.example.gov.uk";

// ------------------------------------------------------------------ 1. feed build time
const db = getSqlite();
const ids = write(() => {
  const person = db.prepare("insert into people (name, email, initials) values ('Bench Owner', 'owner@bench.test', 'BO') returning id").get() as { id: number };
  const user = db.prepare("insert into users (person_id, email, password_hash) values (?, 'owner@bench.test', 'x') returning id").get(person.id) as { id: number };
  const project = db.prepare("insert into projects (slug, name) values ('bench', 'Bench project') returning id").get() as { id: number };
  db.prepare("insert into project_roles (project_id, person_id, role) values (?, ?, 'manager')").run(project.id, person.id);
  const action = db.prepare("insert into actions (project_id, ref, title, due_date, baseline_due_date, status) values (?, ?, ?, ?, ?, ?) returning id");
  const owner = db.prepare("insert into action_owners (action_id, person_id) values (?, ?)");
  const moved = db.prepare("insert into due_date_changes (action_id, old_due_date, new_due_date) values (?, ?, ?)");
  for (let i = 0; i < ITEMS; i++) {
    const due = addDays(TODAY, (i % 120) - 30);
    const a = action.get(project.id, `B${i + 1}`, `Bench action ${i + 1}: a realistic title of some length`, due, due, i % 3 === 0 ? "in_progress" : "not_started") as { id: number };
    owner.run(a.id, person.id);
    if (i % 5 === 0) moved.run(a.id, addDays(due, -7), due);
  }
  const ms = db.prepare("insert into milestones (project_id, name, target_date, baseline_date) values (?, ?, ?, ?)");
  for (let i = 0; i < 20; i++) ms.run(project.id, `Milestone ${i + 1}`, addDays(TODAY, i * 10), addDays(TODAY, i * 10));
  return { userId: user.id, personId: person.id };
});
const user = { id: ids.userId, personId: ids.personId, email: "owner@bench.test", name: "Bench Owner", initials: "BO", isAdmin: false };
const { token } = createFeedToken({ actor: systemActor("bench"), user, target: { kind: "personal" }, name: "Bench" });

const whole: number[] = [];
const icsOnly: number[] = [];
let eventCount = 0;
let bytes = 0;
const events = loadEvents({ user, scope: { kind: "personal" }, asOf: TODAY });
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  const body = feedForToken(token, APP)!;
  whole.push(performance.now() - t);
  bytes = body.length;
  t = performance.now();
  buildIcs({ name: "Bench", events, appUrl: APP });
  icsOnly.push(performance.now() - t);
  eventCount = events.length;
}
const feedMs = median(whole);
console.log(`Calendar feed, ${eventCount} events (${ITEMS} actions + 20 milestones), ${(bytes / 1024).toFixed(0)} KiB: median ${feedMs.toFixed(1)} ms for the whole request path (budget 50 ms), ${median(icsOnly).toFixed(1)} ms of it building the ICS.`);
fs.rmSync(tmp, { recursive: true, force: true });

// ------------------------------------------------------------------ 2. JavaScript per page
const buildDir = path.resolve(process.env.WAYMARK_BUILD_DIR ?? "build", "client");
const manifestFile = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f)) : undefined;
let failed = feedMs >= 50;
if (!manifestFile) {
  console.log(`No build in ${buildDir}: run \`npm run build\` for the per-page JavaScript.`);
} else {
  const text = fs.readFileSync(path.join(buildDir, manifestFile), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports?: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const fileOf = (url: string) => path.join(buildDir, url.replace(/^\/build\//, ""));
  const gz = new Map<string, { size: number; text: string }>();
  const load = (url: string) => {
    let entry = gz.get(url);
    if (!entry) {
      const content = fs.readFileSync(fileOf(url));
      entry = { size: gzipSync(content).length, text: content.toString("utf8") };
      gz.set(url, entry);
    }
    return entry;
  };
  const pages: Array<[string, string[]]> = [
    ["Programmes (home)", ["routes/_index"]],
    ["Project overview", ["routes/projects.$slug", "routes/projects.$slug._index"]],
    ["Action plan", ["routes/projects.$slug", "routes/projects.$slug.actions._index"]],
    ["Action", ["routes/projects.$slug", "routes/projects.$slug.actions.$actionId._index"]],
    ["My actions", ["routes/my-actions"]],
    ["Dependencies (project)", ["routes/projects.$slug", "routes/projects.$slug.dependencies"]],
    ["Calendar (project)", ["routes/projects.$slug", "routes/projects.$slug.calendar"]],
    ["My calendar", ["routes/my-calendar"]],
    ["Calendar subscriptions", ["routes/calendar-subscriptions"]],
  ];
  // Distinctive strings of each library's own code, not of our loaders.
  const MERMAID = "Syntax error in text";
  const RBC = "rbc-month-view";
  console.log("JavaScript each page loads before any import() (gzip):");
  for (const [name, routes] of pages) {
    const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (const id of ["root", ...routes]) {
      const r = manifest.routes[id];
      if (!r) continue;
      urls.add(r.module);
      for (const i of r.imports ?? []) urls.add(i);
    }
    let total = 0;
    let mermaid = false;
    let rbc = false;
    for (const u of urls) {
      const f = load(u);
      total += f.size;
      mermaid ||= f.text.includes(MERMAID);
      rbc ||= f.text.includes(RBC);
    }
    console.log(`  ${name.padEnd(26)} ${(total / 1024).toFixed(1).padStart(6)} KiB${mermaid ? "  CONTAINS MERMAID" : ""}${rbc ? "  CONTAINS REACT-BIG-CALENDAR" : ""}`);
    if (mermaid || rbc) failed = true;
  }
  // The chunks loaded by import(): mermaid's and the calendar's, whose static pages never include them.
  const all = fs.readdirSync(path.join(buildDir, "_shared")).map((f) => `/build/_shared/${f}`);
  const sizeOf = (needle: string) => all.filter((u) => load(u).text.includes(needle)).reduce((s, u) => s + load(u).size, 0);
  console.log(`  on demand: react-big-calendar chunk(s) ${(sizeOf(RBC) / 1024).toFixed(1)} KiB; mermaid's core chunk(s) ${(sizeOf(MERMAID) / 1024).toFixed(1)} KiB (plus the diagram chunk it loads)`);
}
if (failed) process.exitCode = 1;
