// Sections measured after the pages: a mixed load of many users, and the flag rules at 10,000 actions.
import { spawnSync } from "node:child_process";
import { todayInLondon } from "../../app/modules/action/rules";
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

section("Flags", () => {
  // In a process of its own: what is timed is the rules over their inputs, not the collector
  // working through this process's heap (the load generator's buffers and histograms), which put
  // the p95 anywhere from 15 to 25 ms from one run to the next (decision 26).
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/flags.ts"], { env: process.env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`the flags benchmark failed: ${run.stderr}`);
  const r = JSON.parse(run.stdout) as { loads: number[]; spaced: number[]; backToBack: number[]; flagged: number; actions: number; dependencies: number };
  const p95 = quantile(r.spaced, 0.95);
  return [
    { label: `inputs of 1,000 actions by SQL (loadSchedule, 5 statements), median`, value: ms(quantile(r.loads, 0.5)) },
    { label: `inputs of 1,000 actions by SQL, p95`, value: ms(quantile(r.loads, 0.95)) },
    { label: `evaluation, ${r.actions.toLocaleString("en-GB")} actions and ${r.dependencies.toLocaleString("en-GB")} dependencies (${r.flagged.toLocaleString("en-GB")} flagged), median`, value: ms(quantile(r.spaced, 0.5)) },
    { label: "evaluation, 10,000 actions, p95 (runs 5 ms apart, as requests are)", value: ms(p95), budget: "< 20 ms", pass: p95 < 20 },
    { label: "evaluation, 10,000 actions, back to back: median / p95", value: `${ms(quantile(r.backToBack, 0.5))} / ${ms(quantile(r.backToBack, 0.95))}` },
  ];
});
