// The page cache (~/utils/page-cache.server): a plan page or the attention list, once sent, is sent
// again from its bytes while its tag holds, and never to another viewer, after a write, on another
// date, in another encoding, or to a request that asks for a fresh page. entry.server's part (send
// the kept bytes, keep what it renders) is exercised over the real server in e2e/page-cache.spec.ts.
import type { AppLoadContext } from "@remix-run/node";
import { write } from "~/db.server";
import { addProgressNote } from "~/modules/action/service.server";
import { systemActor } from "~/modules/audit/actor";
import * as programmePlanAll from "~/routes/programmes.$slug.actions.all";
import * as flagged from "~/routes/programmes.$slug.flagged";
import * as myActions from "~/routes/my-actions";
import * as programmeTimeline from "~/routes/programmes.$slug.timeline";
import * as riskRegister from "~/routes/projects.$slug.risks._index";
import { createRisk } from "~/modules/risk/service.server";
import { clearPageCache, isReplayable, keepPage, keptPage, pageCacheStats } from "~/utils/page-cache.server";
import * as f from "../../seeds/factories";
import { requestAs } from "../utils";

const AS_OF = "2026-03-20";

function world() {
  return write((tx) => {
    const programme = f.createProgramme(tx, { slug: "revs", name: "Revenues" });
    const big = f.createProject(tx, { programmeId: programme.id, slug: "big", name: "Big project" });
    const ben = f.createUser(tx, { name: "Ben Turner" });
    const priya = f.createUser(tx, { name: "Priya Shah" });
    const outsider = f.createUser(tx, { name: "Olu Adebayo" });
    f.addRole(tx, big.id, ben.person.id, "manager");
    f.addRole(tx, big.id, priya.person.id, "reader");
    const action = f.createAction(tx, big.id, { ref: "1", title: "Collect the arrears data", dueDate: "2026-03-01" });
    return { programme, big, ben, priya, outsider, action };
  });
}

/** A progress note through the service, as the action page adds it: an audited write. */
function noteOn(projectId: number, actionId: number, body: string, { status = null, percentComplete = null }: { status?: "in_progress" | "done" | null; percentComplete?: number | null } = {}) {
  addProgressNote({
    actor: systemActor("test"),
    projectId,
    actionId,
    input: { body, noteDate: AS_OF, status, blockedReason: "", percentComplete },
    canManage: true,
    today: AS_OF,
  });
}

type Loader = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => Promise<unknown>;

/** A page request as the server makes it: the loader, then (as entry.server does) keeping a rendered page. */
async function visit(loader: Loader, userId: number, path: string, headers: Record<string, string> = {}, dataRequest = false, params: Record<string, string> = { slug: "revs" }) {
  const context: AppLoadContext = { pageRequest: !dataRequest };
  const request = await requestAs(userId, path, { headers: { "Accept-Encoding": "gzip", ...headers } });
  let result: unknown;
  try {
    result = await loader({ request, params, context });
  } catch (thrown) {
    result = thrown;
  }
  const status = result instanceof Response ? result.status : 200;
  const kept = keptPage(context, status);
  if (kept) return { status, from: "cache" as const, body: kept.body.toString() };
  if (status !== 200) return { status, from: "loader" as const, body: "" };
  // Stands in for the render: what the loader found, as a page, compressed "as gzip".
  const body = `page for ${userId} at ${path}: ${JSON.stringify(result).length} bytes of data, ${Math.random()}`;
  keepPage(context, status, Buffer.from(body), "gzip");
  return { status, from: "render" as const, body };
}

beforeEach(() => clearPageCache());

describe("the page cache", () => {
  it("sends a page again from its bytes to the same viewer until something is written", async () => {
    const w = world();
    const path = `/programmes/revs/actions/all?asOf=${AS_OF}`;
    const first = await visit(programmePlanAll.loader as Loader, w.ben.user.id, path);
    expect(first.from).toBe("render");
    const second = await visit(programmePlanAll.loader as Loader, w.ben.user.id, path);
    expect(second).toEqual({ status: 200, from: "cache", body: first.body });

    noteOn(w.big.id, w.action.id, "Data received");
    const afterWrite = await visit(programmePlanAll.loader as Loader, w.ben.user.id, path);
    expect(afterWrite.from).toBe("render");
    expect(afterWrite.body).not.toBe(first.body);
  });

  it("never gives one viewer's page to another, nor a page to someone who has lost access", async () => {
    const w = world();
    const path = `/programmes/revs/actions/all?asOf=${AS_OF}`;
    const ben = await visit(programmePlanAll.loader as Loader, w.ben.user.id, path);
    const priya = await visit(programmePlanAll.loader as Loader, w.priya.user.id, path);
    expect(priya.from).toBe("render");
    expect(priya.body).not.toBe(ben.body);
    const outsider = await visit(programmePlanAll.loader as Loader, w.outsider.user.id, path);
    expect(outsider).toMatchObject({ status: 404, from: "loader" });
  });

  it("keeps the programme's timeline per viewer and query, until something is written", async () => {
    const w = world();
    const path = "/programmes/revs/timeline?zoom=month";
    const first = await visit(programmeTimeline.loader as Loader, w.ben.user.id, path);
    expect(first.from).toBe("render");
    expect(await visit(programmeTimeline.loader as Loader, w.ben.user.id, path)).toEqual({ status: 200, from: "cache", body: first.body });
    expect((await visit(programmeTimeline.loader as Loader, w.priya.user.id, path)).from).toBe("render");
    expect((await visit(programmeTimeline.loader as Loader, w.ben.user.id, "/programmes/revs/timeline?zoom=week")).from).toBe("render");
    noteOn(w.big.id, w.action.id, "Done early", { status: "done", percentComplete: null });
    expect((await visit(programmeTimeline.loader as Loader, w.ben.user.id, path)).from).toBe("render");
  });

  it("keeps a project's risk register per viewer, until a risk is raised", async () => {
    const w = world();
    const path = "/projects/big/risks";
    const visitRisks = (userId: number) => visit(riskRegister.loader as Loader, userId, path, {}, false, { slug: "big" });
    const first = await visitRisks(w.ben.user.id);
    expect(first.from).toBe("render");
    expect((await visitRisks(w.ben.user.id)).from).toBe("cache");
    expect((await visitRisks(w.priya.user.id)).from).toBe("render");
    expect((await visitRisks(w.outsider.user.id)).status).toBe(404);
    createRisk({
      actor: systemActor("test"),
      scope: { projectId: w.big.id },
      today: AS_OF,
      input: {
        ref: "R1", title: "Arrears data arrives late", category: "Data", kind: "threat", cause: "", event: "", effect: "",
        ownerPersonId: null, actioneePersonId: null, inherentLikelihood: 3, inherentImpact: 3, residualLikelihood: 2, residualImpact: 3,
        proximityDate: null, proximityText: "", response: "reduce", strategy: "", actionsOutstanding: "", nextReviewDate: "2026-04-01",
      },
    });
    const after = await visitRisks(w.ben.user.id);
    expect(after.from).toBe("render");
    expect(after.body).not.toBe(first.body);
  });

  it("keeps My actions per viewer, until one of their actions changes", async () => {
    const w = world();
    const mine = write((tx) => f.createAction(tx, w.big.id, { ref: "2", title: "Draft the data sharing agreement", ownerPersonIds: [w.priya.person.id] }));
    const path = `/my-actions?asOf=${AS_OF}`;
    const first = await visit(myActions.loader as Loader, w.priya.user.id, path);
    expect(first.from).toBe("render");
    expect((await visit(myActions.loader as Loader, w.priya.user.id, path)).from).toBe("cache");
    expect((await visit(myActions.loader as Loader, w.ben.user.id, path)).from).toBe("render");
    noteOn(w.big.id, mine.id, "First draft sent to legal", { status: "in_progress", percentComplete: 20 });
    const after = await visit(myActions.loader as Loader, w.priya.user.id, path);
    expect(after.from).toBe("render");
    expect(after.body).not.toBe(first.body);
  });

  it("keeps a page per date, query and encoding, and renders afresh for a hard reload", async () => {
    const w = world();
    const path = `/programmes/revs/flagged?asOf=${AS_OF}`;
    const first = await visit(flagged.loader as Loader, w.ben.user.id, path);
    expect((await visit(flagged.loader as Loader, w.ben.user.id, path)).from).toBe("cache");
    expect((await visit(flagged.loader as Loader, w.ben.user.id, path.replace(AS_OF, "2026-03-21"))).from).toBe("render");
    expect((await visit(flagged.loader as Loader, w.ben.user.id, `${path}&flag=overdue`)).from).toBe("render");
    expect((await visit(flagged.loader as Loader, w.ben.user.id, path, { "Accept-Encoding": "br" })).from).toBe("render");
    expect((await visit(flagged.loader as Loader, w.ben.user.id, path, { "Accept-Encoding": "identity" })).from).toBe("render");

    const reload = await visit(flagged.loader as Loader, w.ben.user.id, path, { "Cache-Control": "no-cache" });
    expect(reload.from).toBe("render");
    // The reload's page replaced the kept one.
    const after = await visit(flagged.loader as Loader, w.ben.user.id, path);
    expect(after).toMatchObject({ from: "cache", body: reload.body });
    expect(after.body).not.toBe(first.body);
  });

  it("does not keep a refused date, a data request, or a page in another encoding than the request's", async () => {
    const w = world();
    const bad = `/programmes/revs/actions/all?asOf=2026-02-30`;
    expect((await visit(programmePlanAll.loader as Loader, w.ben.user.id, bad)).status).toBe(400);
    expect((await visit(programmePlanAll.loader as Loader, w.ben.user.id, bad)).status).toBe(400);
    expect(pageCacheStats().pages).toBe(0);

    // Remix strips ?_data before the loader: server.js tells the loader through its context.
    await visit(programmePlanAll.loader as Loader, w.ben.user.id, `/programmes/revs/actions/all?asOf=${AS_OF}`, {}, true);
    expect(pageCacheStats().pages).toBe(0);

    const context: AppLoadContext = { pageRequest: true };
    const request = await requestAs(w.ben.user.id, `/programmes/revs/actions/all?asOf=${AS_OF}`, { headers: { "Accept-Encoding": "gzip" } });
    await programmePlanAll.loader({ request, params: { slug: "revs" }, context });
    keepPage(context, 200, Buffer.from("<p>as brotli</p>"), "br");
    expect(pageCacheStats().pages).toBe(0);
    keepPage(context, 200, Buffer.from("<p>no scripts</p>"), "gzip");
    expect(pageCacheStats()).toEqual({ pages: 1, bytes: "<p>no scripts</p>".length });
  });

  it("never replays a page that carries its response's script nonce", () => {
    expect(isReplayable(Buffer.from('<script nonce="Zm9vYmFy">hydrate()</script>'), "Zm9vYmFy")).toBe(false);
    expect(isReplayable(Buffer.from("<p>Plain HTML, no scripts</p>"), "Zm9vYmFy")).toBe(true);
    expect(isReplayable(Buffer.from("<p>No policy nonce at all</p>"), undefined)).toBe(true);
  });
});
