import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "~/cli/main";
import { write } from "~/db.server";
import { readPlanQuery } from "~/modules/action/plan-view";
import { loadActionPlan } from "~/modules/action/views.server";
import * as projectPage from "~/routes/projects.$slug.timeline";
import * as programmePage from "~/routes/programmes.$slug.timeline";
import * as projectPng from "~/routes/projects.$slug.timeline[.]png";
import * as projectPdf from "~/routes/projects.$slug.timeline[.]pdf";
import * as projectSvg from "~/routes/projects.$slug.timeline[.]svg";
import * as programmeSvg from "~/routes/programmes.$slug.timeline[.]svg";
import * as projectGraph from "~/routes/projects.$slug.dependencies";
import { rasterise, RenderError } from "~/modules/schedule/rasterise.server";
import * as f from "../../seeds/factories";
import { call, requestAs } from "../utils";
import { viewerForPerson } from "~/modules/auth/access.server";
import { shortFlag } from "~/modules/schedule/words";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
    const pilot = f.createProject(tx, { programmeId: programme.id, slug: "pilot", name: "Home-working pilot" });
    const partner = f.createProject(tx, { programmeId: programme.id, slug: "partner", name: "Partnership" });
    const priya = f.createUser(tx, { name: "Priya Shah" });
    const dev = f.createUser(tx, { name: "Dev Patel" });
    const jo = f.createUser(tx, { name: "Jo Evans" });
    f.addRole(tx, pilot.id, priya.person.id, "manager");
    f.addRole(tx, partner.id, priya.person.id, "manager");
    f.addRole(tx, partner.id, dev.person.id, "manager");
    f.addRole(tx, pilot.id, jo.person.id, "reader");
    const wp1 = f.createWorkPackage(tx, pilot.id, { ref: "WP1", name: "Policies" });
    const stage = f.createStage(tx, wp1.id, { name: "Review" });
    // 2.6 overdue since 10 March; 2.7 depends on it and has started, so it is blocked by 2.6.
    const a26 = f.createAction(tx, pilot.id, { ref: "2.6", title: "Agree the policy", workPackageId: wp1.id, plannedStart: "2026-02-02", dueDate: "2026-03-10", ownerPersonIds: [priya.person.id] });
    const a27 = f.createAction(tx, pilot.id, {
      ref: "2.7",
      title: "Set up an appeals process",
      workPackageId: wp1.id,
      stageId: stage.id,
      plannedStart: "2026-03-11",
      dueDate: "2026-04-30",
      baselineDueDate: "2026-04-20",
      status: "in_progress",
      percentComplete: 40,
      ownerPersonIds: [priya.person.id],
    });
    f.addProgressNote(tx, a27.id, { noteDate: "2026-03-15", body: "Started" });
    f.addDependency(tx, { actionId: a26.id }, { actionId: a27.id }, 2);
    const done = f.createAction(tx, pilot.id, { ref: "3", title: "Finished work", status: "done", dueDate: "2026-02-01", completedDate: "2026-02-01", ownerPersonIds: [priya.person.id] });
    const ongoing = f.createAction(tx, pilot.id, { ref: "4", title: "Keep staff informed", deadlineText: "Ongoing", ownerPersonIds: [priya.person.id] });
    const golive = f.createMilestone(tx, pilot.id, { name: "Go-live", targetDate: "2026-05-01" });
    f.addDependency(tx, { actionId: a27.id }, { milestoneId: golive.id });
    // The partnership's action depends on the pilot's 2.7: a link across projects.
    const p1 = f.createAction(tx, partner.id, { ref: "P1", title: "Share the appeals process", plannedStart: "2026-05-01", dueDate: "2026-05-29", ownerPersonIds: [dev.person.id] });
    f.addDependency(tx, { actionId: a27.id }, { actionId: p1.id });
    return { programme, pilot, partner, priya, dev, jo, wp1, a26, a27, done, ongoing, golive, p1 };
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function page(loader: any, userId: number, url: string, params: Record<string, string>): Promise<{ status: number; data: any }> {
  const res = await call(loader, await requestAs(userId, url), params);
  // The page's data is under `page` (drawn on the server only: utils/server-only.ts).
  return { status: res.status, data: res.status === 200 || res.status === 400 ? (await res.json()).page : null };
}
const bodies = (data: { chart: { chunks: { body: string }[] } }) => data.chart.chunks.map((c) => c.body).join("");
// The page writes simple attribute values bare (HTML); the downloads quote them (XML).
const links = (svg: string) => [...svg.matchAll(/<a href="?([^" >]+)"?><title>([^<]*)<\/title>/g)].map((m) => ({ href: m[1], name: m[2] }));

describe("the project timeline page", () => {
  it("draws one bar per dated action, named with its dates and the flags the action plan shows", async () => {
    const w = world();
    const { status, data } = await page(projectPage.loader, w.jo.user.id, `/projects/pilot/timeline?asOf=${AS_OF}`, { slug: "pilot" });
    expect(status).toBe(200);
    const svg = bodies(data);
    const drawn = links(svg);
    // 2.6, 2.7, 3 and the milestone; "Ongoing" 4 is listed, not drawn.
    expect(drawn.map((l) => l.href)).toEqual([
      `/projects/pilot/actions/${w.a26.id}`,
      `/projects/pilot/actions/${w.a27.id}`,
      `/projects/pilot/actions/${w.done.id}`,
      "/projects/pilot/milestones",
    ].sort((a, b) => svg.indexOf(a) - svg.indexOf(b)));
    expect(svg.match(/class=(tb|tw|ts|tc|tx) /g)).toHaveLength(3);
    expect(data.undated).toEqual([expect.objectContaining({ ref: "4", deadlineText: "Ongoing" })]);
    const name27 = drawn.find((l) => l.href.endsWith(`/${w.a27.id}`))!.name;
    expect(name27).toBe(
      "Action 2.7, Set up an appeals process, 11 March to 30 April 2026, in progress, 40% complete, blocked by 2.6, slipped 10 days from its baseline (due date moved 0 times)",
    );
    expect(drawn.find((l) => l.href.endsWith(`/${w.a26.id}`))!.name).toContain("overdue by 10 days");
    // The flags on the bars are the action plan's flags, word for word (a chain up to its first clause).
    const plan = loadActionPlan({ viewer: viewerForPerson(w.priya.person.id), projectId: w.pilot.id, asOf: AS_OF, query: readPlanQuery(new URLSearchParams()) });
    for (const row of plan.groups.flatMap((g) => g.sections.flatMap((s) => s.rows))) {
      const bar = drawn.find((l) => l.href.endsWith(`/actions/${row.id}`));
      if (!row.dueDate) continue;
      for (const flag of row.flags) expect(bar!.name.toLowerCase()).toContain(shortFlag(flag.text).toLowerCase());
      for (const flag of row.flags) expect(svg).toContain(flag.tag);
    }
    // The lag is labelled, and the link to the partnership's item is counted, not drawn.
    expect(svg).toContain("+2d lag");
    expect(data.counts).toMatchObject({ bars: 3, milestones: 1, arrows: 2 });
    expect(data.choices.workPackages).toEqual([{ id: w.wp1.id, label: "WP1 Policies" }]);
  });

  it("offers each owner, person or team, once by name, and the owner filter keeps only their actions", async () => {
    const w = world();
    const team = write((tx) => {
      const t = f.createTeam(tx, { name: "Appeals panel" });
      f.createAction(tx, w.pilot.id, { ref: "5", title: "Train the panel", dueDate: "2026-04-10", ownerTeamIds: [t.id], ownerPersonIds: [w.jo.person.id] });
      return t;
    });
    const { data } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?asOf=${AS_OF}`, { slug: "pilot" });
    expect(data.choices.owners).toEqual([
      { key: `t${team.id}`, label: "Appeals panel (team)" },
      { key: `p${w.jo.person.id}`, label: "Jo Evans" },
      { key: `p${w.priya.person.id}`, label: "Priya Shah" },
    ]);
    const byTeam = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?asOf=${AS_OF}&owner=t${team.id}`, { slug: "pilot" });
    expect(links(bodies(byTeam.data)).map((l) => l.name.split(",")[0])).toEqual(["Action 5"]);
  });

  it("its table lists every action with the action plan's dates, status and flags, and predecessors in words", async () => {
    const w = world();
    const { data } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?view=table&asOf=${AS_OF}`, { slug: "pilot" });
    expect(data.chart).toBeNull();
    const plan = loadActionPlan({ viewer: viewerForPerson(w.priya.person.id), projectId: w.pilot.id, asOf: AS_OF, query: readPlanQuery(new URLSearchParams()) });
    const planRows = plan.groups.flatMap((g) => g.sections.flatMap((s) => s.rows));
    const tableActions = data.table.filter((r: { kind: string }) => r.kind === "action");
    expect(tableActions).toHaveLength(planRows.length);
    for (const p of planRows) {
      const t = tableActions.find((r: { ref: string }) => r.ref === p.ref);
      expect({ title: t.title, due: t.due, status: t.statusKey, percent: t.percent, flags: t.flags }).toEqual({
        title: p.title,
        due: p.dueDate,
        status: p.status,
        percent: p.percentComplete,
        flags: p.flags,
      });
    }
    const r27 = tableActions.find((r: { ref: string }) => r.ref === "2.7");
    expect(r27).toMatchObject({ baselineDue: "2026-04-20", slip: 10, predecessors: ["2.6 (+2 days lag)"], start: "2026-03-11" });
    const milestone = data.table.find((r: { kind: string }) => r.kind === "milestone");
    expect(milestone).toMatchObject({ title: "Go-live", predecessors: ["2.7"] });
  });

  it("filters to flagged items and what they depend on; baselines and the critical path on request", async () => {
    const w = world();
    const { data } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?asOf=${AS_OF}&flag=blocked&baseline=1&critical=1`, { slug: "pilot" });
    const drawn = links(bodies(data));
    expect(drawn.map((l) => l.href)).toEqual([`/projects/pilot/actions/${w.a26.id}`, `/projects/pilot/actions/${w.a27.id}`]);
    expect(drawn[1].name).toContain("baseline 20 April 2026, 10 days late");
    expect(drawn[1].name).toContain("on the critical path");
    expect(bodies(data)).toContain("<path class=tbl d=");
    expect(bodies(data)).toContain("<path class=tcr d=");
  });

  it("shows no float for finished work: a done action is never critical and has no float in its name, note or table row", async () => {
    const w = world();
    const { data } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?asOf=${AS_OF}&critical=1`, { slug: "pilot" });
    const svg = bodies(data);
    const done = links(svg).find((l) => l.href.endsWith(`/actions/${w.done.id}`))!;
    expect(done.name).toContain("done");
    expect(done.name).not.toMatch(/float|critical/i);
    // The note after the done bar says "Done" and nothing about float; 2.6's says its float.
    const doneBar = svg.slice(svg.indexOf(`/actions/${w.done.id}>`), svg.indexOf("</a>", svg.indexOf(`/actions/${w.done.id}>`)));
    expect(doneBar).toContain(">Done</text>");
    expect(doneBar).not.toContain("Float");
    const { data: table } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?asOf=${AS_OF}&critical=1&view=table`, { slug: "pilot" });
    expect(table.table.find((r: { ref: string | null }) => r.ref === "3")).toMatchObject({ float: null, critical: false });
    expect(table.table.find((r: { ref: string | null }) => r.ref === "2.6")).toMatchObject({ float: 0, critical: true });
  });

  it("answers 400 with the message and keeps what was typed when a date is wrong", async () => {
    const w = world();
    const { status, data } = await page(projectPage.loader, w.priya.user.id, "/projects/pilot/timeline?asOf=2026-02-30&from=2026-05-01&to=2026-04-01", { slug: "pilot" });
    expect(status).toBe(400);
    expect(data.errors).toEqual({ asOf: "The view date must be a real date, for example 27 3 2027", to: "The window’s end must be on or after its start" });
    expect(data.values).toEqual({ asOf: "2026-02-30", from: "2026-05-01", to: "2026-04-01" });
    expect(data.chart.chunks.length).toBeGreaterThan(0);
  });

  it("is not found for someone who may not see the project", async () => {
    const w = world();
    expect((await page(projectPage.loader, w.dev.user.id, "/projects/pilot/timeline", { slug: "pilot" })).status).toBe(404);
    expect((await call(projectSvg.loader, await requestAs(w.dev.user.id, "/projects/pilot/timeline.svg"), { slug: "pilot" })).status).toBe(404);
  });
});

describe("the board member's timelines", () => {
  it("a board member sees the project's and the programme's bars, flagged as the manager sees them, with baselines and the critical path", async () => {
    const w = world();
    const board = write((tx) => {
      const b = f.createUser(tx, { name: "Bea Board" });
      f.addRole(tx, w.pilot.id, b.person.id, "board_member");
      return b;
    });
    const url = `/projects/pilot/timeline?asOf=${AS_OF}&baseline=1&critical=1`;
    const mine = links(bodies((await page(projectPage.loader, board.user.id, url, { slug: "pilot" })).data));
    const managers = links(bodies((await page(projectPage.loader, w.priya.user.id, url, { slug: "pilot" })).data));
    expect(mine.length).toBe(4);
    expect(mine).toEqual(managers);
    const programme = await page(programmePage.loader, board.user.id, `/programmes/revs/timeline?asOf=${AS_OF}`, { slug: "revs" });
    expect(programme.status).toBe(200);
    expect(links(bodies(programme.data)).map((l) => l.href)).toContain(`/projects/pilot/actions/${w.a27.id}`);
  });
});

describe("the programme timeline", () => {
  it("draws the projects the viewer may see, with links across them", async () => {
    const w = world();
    const { data } = await page(programmePage.loader, w.priya.user.id, `/programmes/revs/timeline?asOf=${AS_OF}`, { slug: "revs" });
    const drawn = links(bodies(data));
    expect(drawn.some((l) => l.href === `/projects/partner/actions/${w.p1.id}`)).toBe(true);
    expect(data.counts.arrows).toBe(3);
    const table = (await page(programmePage.loader, w.priya.user.id, `/programmes/revs/timeline?asOf=${AS_OF}&view=table`, { slug: "revs" })).data.table;
    expect(table.find((r: { ref: string }) => r.ref === "P1").predecessors).toEqual(["2.7 in Home-working pilot"]);
  });

  it("shows a partner only their own project's rows; a link from a project they cannot see is 'an item in another project'", async () => {
    const w = world();
    const { data } = await page(programmePage.loader, w.dev.user.id, `/programmes/revs/timeline?asOf=${AS_OF}&view=table`, { slug: "revs" });
    expect(data.table.map((r: { project: string }) => r.project)).toEqual(["Partnership"]);
    expect(data.table[0].predecessors).toEqual(["an item in another project"]);
    const chart = (await page(programmePage.loader, w.dev.user.id, `/programmes/revs/timeline?asOf=${AS_OF}`, { slug: "revs" })).data;
    expect(bodies(chart)).not.toContain("/projects/pilot/");
    expect(bodies(chart)).not.toContain("Set up an appeals process");
    expect(chart.linksOutside).toBe(1);
    const svg = await (await call(programmeSvg.loader, await requestAs(w.dev.user.id, "/programmes/revs/timeline.svg"), { slug: "revs" })).text();
    expect(svg).toContain("Share the appeals process");
    expect(svg).not.toContain("Set up an appeals process");
  });
});

describe("the critical path in the dependency graph", () => {
  it("marks the items and links the timeline marks critical, in the picture and in words", async () => {
    const w = world();
    const { data: timeline } = await page(projectPage.loader, w.priya.user.id, `/projects/pilot/timeline?view=table&asOf=${AS_OF}`, { slug: "pilot" });
    const critical = timeline.table.filter((r: { critical: boolean }) => r.critical).map((r: { ref: string | null; title: string }) => r.ref ?? r.title);
    // 2.6 → (2 days' lag) → 2.7 → Go-live leaves no slack; the finished action 3 has plenty.
    expect(critical.sort()).toEqual(["2.6", "2.7", "Go-live"]);
    const res = await call(projectGraph.loader, await requestAs(w.priya.user.id, "/projects/pilot/dependencies"), { slug: "pilot" });
    const { view } = await res.json();
    expect(view.critical).toEqual(["2.6", "2.7", "milestone “Go-live”"]);
    expect(view.itemsText).toContain(`a_${w.a26.id} ==>|"lag 2 days"| a_${w.a27.id}`);
    expect(view.itemsText).toContain(`a_${w.a27.id} ==> m_${w.golive.id}`);
    expect(view.itemsText).toMatch(new RegExp(`a_${w.a27.id}\\[\\["2\\.7 Set up an appeals process<br/>.*Critical"\\]\\]`));
    const row = view.links.find((l: { node: { ref: string } }) => l.node.ref === "2.7");
    expect(row.node.critical).toBe(true);
  });
});

describe("the downloads and the command line", () => {
  it("PNG has the SVG's pixel size; the PDF has the project's name as text", async () => {
    const w = world();
    const svgRes = await call(projectSvg.loader, await requestAs(w.priya.user.id, `/projects/pilot/timeline.svg?asOf=${AS_OF}`), { slug: "pilot" });
    expect(svgRes.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    const svg = await svgRes.text();
    const [, width, height] = /<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg)!;
    const png = Buffer.from(await (await call(projectPng.loader, await requestAs(w.priya.user.id, `/projects/pilot/timeline.png?asOf=${AS_OF}`), { slug: "pilot" })).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(width), Number(height)]);
    const pdfRes = await call(projectPdf.loader, await requestAs(w.priya.user.id, `/projects/pilot/timeline.pdf?asOf=${AS_OF}&paper=a4`), { slug: "pilot" });
    expect(pdfRes.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await pdfRes.arrayBuffer());
    const text = execFileSync("pdftotext", ["-", "-"], { input: pdf }).toString();
    expect(text).toContain("Home-working pilot: timeline");
    expect(text).toContain("2.7 Set up an appeals process");
    expect(execFileSync("pdfinfo", ["-"], { input: pdf }).toString()).toMatch(/Title:\s+Home-working pilot: timeline/);
    void w;
  });

  it("a PNG the renderer cannot draw is a RenderError with the reason; the process that asked carries on", async () => {
    const options = { font: { loadSystemFonts: false, fontFiles: [], defaultFontFamily: "" }, fitTo: { mode: "original" as const }, background: "#ffffff", shapeRendering: 2, textRendering: 1 };
    // resvg aborts (SIGABRT) on a canvas it cannot allocate: in-process that would end the server.
    const huge = rasterise(`<svg xmlns="http://www.w3.org/2000/svg" width="100000000" height="100000000"></svg>`, options);
    await expect(huge).rejects.toBeInstanceOf(RenderError);
    await expect(huge).rejects.toThrow(/^The PNG could not be drawn: memory allocation .* failed\.$/);
    await expect(rasterise("<svg", options)).rejects.toThrow(/could not be drawn: .*root/);
    const ok = await rasterise(`<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20"/></svg>`, options);
    expect([ok.width, ok.height, ok.png.subarray(1, 4).toString()]).toEqual([30, 20, "PNG"]);
  });

  it("a bad date in a download's query is a 400 with the message", async () => {
    const w = world();
    const res = await call(projectPng.loader, await requestAs(w.priya.user.id, "/projects/pilot/timeline.png?asOf=nonsense"), { slug: "pilot" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("must be a real date");
  });

  it("waymark timeline writes the same drawing for a project or a programme", async () => {
    world();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "timeline-cli-"));
    const io = { out: () => {}, err: (line: string) => errors.push(line) };
    const errors: string[] = [];
    expect(await main(["timeline", "--programme", "revs", "--as-of", AS_OF, "--format", "svg", "--output", path.join(dir, "p.svg")], io)).toBe(0);
    const svg = fs.readFileSync(path.join(dir, "p.svg"), "utf8");
    expect(svg).toContain("Revenues: programme timeline");
    expect(svg).toContain("Share the appeals process");
    expect(await main(["timeline", "--project", "pilot", "--critical", "--baseline", "--format", "pdf", "--output", path.join(dir, "p.pdf")], io)).toBe(0);
    expect(fs.readFileSync(path.join(dir, "p.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await main(["timeline", "--project", "pilot", "--format", "gif"], io)).toBe(2);
    expect(await main(["timeline", "--project", "nope", "--format", "svg"], io)).toBe(1);
    expect(errors).toEqual(["Choose the format: --format svg, png or pdf.", 'No project with the slug "nope".']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
