// The flag rules at 10,000 actions, for `npm run bench` (sections.ts runs this in a process of its
// own and reads the JSON it prints): loads the bench programme's rule inputs by SQL 23 times, copies
// them ten times over, evaluates them 70 times a few milliseconds apart and 50 times back to back,
// and prints the times (the first 3 loads and 20 evaluations dropped).
// DATABASE_PATH names the bench's database.
import { openDatabase } from "../../app/db.server";
import { evaluateFlags, todayInLondon, type RuleAction, type RuleDependency, type RuleMilestone } from "../../app/modules/action/rules";
import { loadSchedule } from "../../app/modules/action/schedule.server";

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


// Runs not timed first: the compiler's, and the collector's, which sizes its young generation to
// the allocation rate over the first few dozen runs (a server is long past that point).
const WARM_UP = 20;
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
let flagged = 0;
const evaluate = () => {
  const t = performance.now();
  const result = evaluateFlags({ asOf, ...big });
  const took = performance.now() - t;
  flagged = 0;
  for (const list of result.actions.values()) if (list.length > 0) flagged++;
  return took;
};
// Spaced: a few milliseconds between runs, as a server evaluates between requests; the collector's
// own tasks then run between runs, as they do there. Back to back: each run also pays for the
// collection of the ones before it (decision 26). Both are printed; the budget is on the first.
const spaced: number[] = [];
const backToBack: number[] = [];
for (let i = 0; i < WARM_UP + 50; i++) {
  const took = evaluate();
  if (i >= WARM_UP) spaced.push(took);
  await new Promise((resolve) => setTimeout(resolve, 5));
}
for (let i = 0; i < 50; i++) backToBack.push(evaluate());
process.stdout.write(JSON.stringify({ loads, spaced, backToBack, flagged, actions: big.actions.length, dependencies: big.dependencies.length }));
