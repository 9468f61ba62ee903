// The reports' bench (issue 14, "Performance"), in process on a generated database: a programme
// of 1,000 actions (with progress notes, 300 dependencies, 40 milestones and 40 risks) across four
// projects. Prints, each against its budget: drafting the programme report (median of runs),
// rendering a published report's page from its snapshot (loader plus React's server render), and
// its PDF. Options: --runs N (default 20).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(opts.runs);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-bench-reports-"));
process.env.DATABASE_PATH = path.join(tmp, "bench.db");
process.env.SESSION_SECRET ??= "bench-session-secret-not-for-production";

const { getSqlite, write } = await import("../app/db.server");
const { addDays, todayInLondon } = await import("../app/utils/dates");
const { systemViewer } = await import("../app/modules/auth/access.server");
const { createReport, publishReport, readSnapshot } = await import("../app/modules/report/service.server");
const { draftContent } = await import("../app/modules/report/service.server");
const { renderReport } = await import("../app/modules/report/downloads.server");
const { createReportLink } = await import("../app/modules/report/links.server");
const { publicReportView } = await import("../app/modules/report/public.server");
const { ReportDocument } = await import("../app/modules/report/ui");
const React = await import("react");
const { renderToString } = await import("react-dom/server");
const f = await import("../seeds/factories");
const schema = await import("../db/schema");

const TODAY = todayInLondon(new Date());
const period = { from: addDays(TODAY, -30), to: TODAY };

const ids = write((tx) => {
  let seed = 14;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const programme = f.createProgramme(tx, { slug: "bench-reports", name: "Bench reports programme" });
  const manager = f.createPerson(tx, { name: "Mina Manager" });
  const statuses = ["not_started", "in_progress", "in_progress", "blocked", "done", "cancelled", "not_started"] as const;
  const all: number[] = [];
  for (let p = 1; p <= 4; p++) {
    const project = f.createProject(tx, { programmeId: programme.id, slug: `rp-${p}`, name: `Report project ${p}`, endDate: addDays(TODAY, 200), timeToleranceDays: 30, startDate: addDays(TODAY, -300) });
    const wp = f.createWorkPackage(tx, project.id, { ref: "WP1", name: "Work package" });
    const stage = f.createStage(tx, wp.id, { name: "Stage one" });
    for (let m = 0; m < 10; m++) f.createMilestone(tx, project.id, { name: `Milestone ${m}`, targetDate: addDays(TODAY, rnd(200) - 60) });
    const register = tx.insert(schema.riskRegisters).values({ projectId: project.id, likelihoodLabels: JSON.stringify(["Low", "Medium", "High"]), impactLabels: JSON.stringify(["Low", "Medium", "High"]), mediumFrom: 3, highFrom: 6 }).returning().get();
    for (let r = 1; r <= 10; r++) tx.insert(schema.risks).values({ registerId: register.id, ref: `R${r}`, title: `Risk ${r}`, inherentLikelihood: 1 + rnd(3), inherentImpact: 1 + rnd(3), residualLikelihood: 1 + rnd(3), residualImpact: 1 + rnd(3) }).run();
    for (let a = 1; a <= 250; a++) {
      const status = statuses[rnd(statuses.length)];
      const due = addDays(TODAY, rnd(240) - 120);
      const action = f.createAction(tx, project.id, { ref: `${p}.${a}`, title: `Action ${p}.${a}`, workPackageId: wp.id, stageId: stage.id, status, blockedReason: status === "blocked" ? "Waiting" : null, dueDate: due, baselineDueDate: addDays(due, -rnd(20)), completedDate: status === "done" ? addDays(TODAY, -rnd(60)) : null, ownerPersonIds: rnd(5) ? [manager.id] : [] });
      f.addProgressNote(tx, action.id, { noteDate: addDays(TODAY, -rnd(60)), body: "Progress made" });
      all.push(action.id);
    }
  }
  for (let d = 0; d < 300; d++) {
    const a = rnd(all.length);
    const b = rnd(all.length);
    if (a < b) f.addDependency(tx, { actionId: all[a] }, { actionId: all[b] });
  }
  return { programmeId: programme.id };
});

const viewer = systemViewer();
const actor = { userId: null, personId: null, label: "bench" };
const scope = { programmeId: ids.programmeId };
const report = createReport({ actor, scope, kind: "programme", title: "Bench programme report", period });

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn: () => unknown, runs = RUNS) {
  fn(); // warm
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

const draftMs = time(() => draftContent({ report, viewer, asOf: TODAY }));
// The committee report also draws the programme's timeline (stages and milestones) into its content.
const committee = createReport({ actor, scope, kind: "committee", title: "Bench committee report", period });
const committeeMs = time(() => draftContent({ report: committee, viewer, asOf: TODAY }));
publishReport({ actor, scope, reportId: committee.id, viewer, asOf: TODAY });
const committeeFrozen = readSnapshot(committee.id)!;
const committeePageMs = time(() => renderToString(React.createElement(ReportDocument, { content: committeeFrozen.content })));
const docxTimes: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  await renderReport(committeeFrozen.content, "docx");
  docxTimes.push(performance.now() - t);
}
publishReport({ actor, scope, reportId: report.id, viewer, asOf: TODAY });
const { token } = createReportLink({ actor, scope, reportId: report.id });
const pageMs = time(() => {
  const data = publicReportView(token)!;
  return renderToString(React.createElement(ReportDocument, { content: data.content, comparison: data.comparison }));
});
const frozen = readSnapshot(report.id)!;
const pdfTimes: number[] = [];
let bytes = 0;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  bytes = (await renderReport(frozen.content, "pdf")).length;
  pdfTimes.push(performance.now() - t);
}
const actions = (getSqlite().prepare("select count(*) as n from actions").get() as { n: number }).n;
const line = (label: string, ms: number, budget: number) => console.log(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms   budget ${budget} ms   ${ms < budget ? "ok" : "OVER"}`);
console.log(`Reports bench: ${actions.toLocaleString("en-GB")} actions in 4 projects, snapshot ${(frozen.text.length / 1024).toFixed(0)} KB; median of ${RUNS} runs.`);
line("Draft a programme report over the actions", draftMs, 200);
line("Draft a committee report (with its timeline)", committeeMs, 200);
line("Render the committee report page (with its timeline)", committeePageMs, 30);
line("Word file of the committee report (timeline as PNG)", median(docxTimes), 2000);
line("Render a published report page (snapshot → HTML)", pageMs, 30);
line(`PDF of the published report (${(bytes / 1024).toFixed(0)} KB, median of 5)`, median(pdfTimes), 2000);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(draftMs < 200 && committeeMs < 200 && pageMs < 30 && committeePageMs < 30 && median(pdfTimes) < 2000 && median(docxTimes) < 2000 ? 0 : 1);
