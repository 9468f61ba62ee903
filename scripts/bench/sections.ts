// Sections measured after the pages: a mixed load of many users, and the flag rules at 10,000 actions.
import { openDatabase } from "../../app/db.server";
import { evaluateFlags, todayInLondon, type RuleAction, type RuleDependency, type RuleMilestone } from "../../app/modules/action/rules";
import { loadSchedule } from "../../app/modules/action/schedule.server";
import { ms, quantile, section, steadyLoad, type SteadyRequest } from "./harness";

const MIXED_RATE = 20;
const WRITE_SHARE = 0.1;

section("Mixed load", async ({ base, data, cookies, serverPid, durations }) => {
  const today = todayInLondon(new Date());
  const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const reads = [
    () => `/projects/${pick(data.projectSlugs)}/actions`,
    () => `/programmes/${data.programmeSlug}/actions?page=${1 + Math.floor(Math.random() * 10)}`,
    () => {
      const a = pick(data.writableActions);
      return `/projects/${a.projectSlug}/actions/${a.actionId}`;
    },
    () => "/my-actions",
    () => `/programmes/${data.programmeSlug}/flagged`,
    () => `/projects/${data.projectSlugs[0]}/risks`,
  ];
  let writes = 0;
  let note = 0;
  const result = await steadyLoad({
    base,
    rate: MIXED_RATE,
    duration: durations.mixed,
    pid: serverPid,
    next: (): SteadyRequest => {
      const cookie = pick(cookies);
      if (Math.random() < WRITE_SHARE) {
        writes++;
        const a = pick(data.writableActions);
        return {
          method: "POST",
          path: `/projects/${a.projectSlug}/actions/${a.actionId}?index`,
          headers: { Cookie: cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded", "Accept-Encoding": "gzip" },
          body: new URLSearchParams({ intent: "addNote", body: `Mixed-load note ${++note}`, noteDate: today }).toString(),
        };
      }
      return { method: "GET", path: pick(reads)(), headers: { Cookie: cookie, "Accept-Encoding": "gzip" } };
    },
  });
  const p95 = quantile(result.times, 0.95);
  return [
    {
      label: `${result.requests} requests from ${cookies.length} users, one every ${1000 / MIXED_RATE} ms (${MIXED_RATE}/s) for ${durations.mixed} s, ${writes} progress notes; p50`,
      value: ms(quantile(result.times, 0.5)),
    },
    { label: "p95", value: ms(p95), budget: "< 250 ms", pass: p95 < 250 },
    { label: "p99", value: ms(quantile(result.times, 0.99)) },
    { label: "failed requests (errors, timeouts, 4xx/5xx)", value: String(result.errors + result.non2xx), budget: "0", pass: result.errors + result.non2xx === 0 },
    { label: "server CPU per request", value: ms(result.cpuMsPerRequest) },
  ];
});

/** The bench programme's rule inputs copied ten times over (new ids): 10,000 actions. */
function tenfold(s: { actions: RuleAction[]; milestones: RuleMilestone[]; dependencies: RuleDependency[] }) {
  const actions: RuleAction[] = [];
  const milestones: RuleMilestone[] = [];
  const dependencies: RuleDependency[] = [];
  for (let k = 0; k < 10; k++) {
    const off = k * 1_000_000;
    for (const a of s.actions) actions.push({ ...a, id: a.id + off, projectId: a.projectId + off });
    for (const m of s.milestones) milestones.push({ ...m, id: m.id + off, projectId: m.projectId + off });
    for (const d of s.dependencies)
      dependencies.push({
        ...d,
        predecessor: { ...d.predecessor, id: d.predecessor.id + off },
        successor: { ...d.successor, id: d.successor.id + off },
      });
  }
  return { actions, milestones, dependencies };
}

section("Flags", () => {
  const asOf = todayInLondon(new Date());
  const { sqlite } = openDatabase(process.env.DATABASE_PATH!);
  const ids = (sqlite.prepare("select id from projects").all() as { id: number }[]).map((r) => r.id);
  const loads: number[] = [];
  let schedule = loadSchedule({ projectIds: ids, asOf }, sqlite);
  for (let i = 0; i < 23; i++) {
    const t = performance.now();
    schedule = loadSchedule({ projectIds: ids, asOf }, sqlite);
    if (i >= 3) loads.push(performance.now() - t);
  }
  sqlite.close();
  const big = tenfold(schedule);
  const evals: number[] = [];
  let flagged = 0;
  for (let i = 0; i < 53; i++) {
    const t = performance.now();
    const result = evaluateFlags({ asOf, ...big });
    if (i >= 3) evals.push(performance.now() - t);
    flagged = 0;
    for (const list of result.actions.values()) if (list.length > 0) flagged++;
  }
  const p95 = quantile(evals, 0.95);
  return [
    { label: `inputs of 1,000 actions by SQL (loadSchedule, 5 statements), median`, value: ms(quantile(loads, 0.5)) },
    { label: `inputs of 1,000 actions by SQL, p95`, value: ms(quantile(loads, 0.95)) },
    { label: `evaluation, ${big.actions.length.toLocaleString("en-GB")} actions and ${big.dependencies.length.toLocaleString("en-GB")} dependencies (${flagged.toLocaleString("en-GB")} flagged), median`, value: ms(quantile(evals, 0.5)) },
    { label: "evaluation, 10,000 actions, p95", value: ms(p95), budget: "< 20 ms", pass: p95 < 20 },
  ];
});
