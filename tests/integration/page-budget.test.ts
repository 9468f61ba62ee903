// Regression guard for the pages the bench measures (scripts/bench/pages.ts), deterministic and
// not timed: on the bench's own data (1,000 actions over four projects, 600 dependencies, ~3,000
// notes, 40 risks), each page's request (root, layout and page loaders) must run at most a fixed
// number of SQL statements and send at most a fixed number of bytes of data. A change that adds a
// query per row, or a 1,000-option select, fails here by the page's name, whatever the machine's load.
// Loaders share one scope per HTTP request, as server.js runs them (~/utils/request-scope.server):
// the session and the project's access are read once, not once per loader.
// When a page legitimately grows, raise its ceiling here and say why in the commit.
// `BUDGET_REPORT=1 npx vitest run tests/integration/page-budget.test.ts` prints each page's figures.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { countStatements, getSqlite } from "~/db.server";
import { bindRequestScope } from "~/utils/request-scope.server";
import * as root from "~/root";
import * as projectLayout from "~/routes/projects.$slug";
import * as projectPlan from "~/routes/projects.$slug.actions._index";
import * as programmePlan from "~/routes/programmes.$slug.actions._index";
import * as programmePlanAll from "~/routes/programmes.$slug.actions.all";
import * as actionPage from "~/routes/projects.$slug.actions.$actionId._index";
import * as myActions from "~/routes/my-actions";
import * as flagged from "~/routes/programmes.$slug.flagged";
import * as riskRegister from "~/routes/projects.$slug.risks._index";
import { generateBenchData, type BenchData } from "../../scripts/bench/generate";
import { call, requestAs } from "../utils";

const TODAY = "2026-11-30";

type Loader = (args: LoaderFunctionArgs) => unknown;
interface PageBudget {
  name: string;
  url: (d: BenchData) => string;
  params: (d: BenchData) => Record<string, string>;
  /** Loaders of the request, outermost first. */
  loaders: Loader[];
  maxStatements: number;
  maxKB: number;
}

const projectPage = (loader: Loader) => [root.loader, projectLayout.loader, loader];

const PAGES: PageBudget[] = [
  {
    name: "project action plan, first page",
    url: (d) => `/projects/${d.projectSlugs[0]}/actions?asOf=${TODAY}`,
    params: (d) => ({ slug: d.projectSlugs[0]! }),
    loaders: projectPage(projectPlan.loader),
    // The rows shown read their text and owners by id (two statements), so the other rows read less;
    // each question to the flag rules first reads the version of their inputs (flags-cache.server.ts).
    // The owner filter's choices: who owns something (kept with the flags, at that version: a read of
    // the version, and on a miss the query), then their names.
    maxStatements: 27,
    maxKB: 64,
  },
  {
    name: "programme action plan, first page",
    url: (d) => `/programmes/${d.programmeSlug}/actions?asOf=${TODAY}`,
    params: (d) => ({ slug: d.programmeSlug }),
    loaders: [root.loader, programmePlan.loader],
    maxStatements: 26,
    maxKB: 64,
  },
  {
    name: "programme action plan, all 1,000 rows (rendered once: no hydration data)",
    url: (d) => `/programmes/${d.programmeSlug}/actions/all?asOf=${TODAY}`,
    params: (d) => ({ slug: d.programmeSlug }),
    loaders: [root.loader, programmePlanAll.loader],
    maxStatements: 26,
    maxKB: 610,
  },
  {
    name: "action page",
    url: (d) => `/projects/${d.sample.projectSlug}/actions/${d.sample.actionId}`,
    params: (d) => ({ slug: d.sample.projectSlug, actionId: String(d.sample.actionId) }),
    loaders: projectPage(actionPage.loader),
    // No dependency search until something is typed: the linkable projects are not read either.
    maxStatements: 22,
    // Dependency candidates are searched on demand (no 1,000-option picker): a few KB of data.
    maxKB: 4,
  },
  {
    name: "my actions",
    url: () => `/my-actions?asOf=${TODAY}`,
    params: () => ({}),
    loaders: [root.loader, myActions.loader],
    // 3 of them read the data's version for the page's ETag and the page cache (decision 27).
    maxStatements: 14,
    maxKB: 40,
  },
  {
    name: "what needs attention (programme)",
    url: (d) => `/programmes/${d.programmeSlug}/flagged?asOf=${TODAY}`,
    params: (d) => ({ slug: d.programmeSlug }),
    loaders: [root.loader, flagged.loader],
    // Benefits, cost tolerance and overdue reports load for all projects in a fixed number of queries;
    // 3 read the data's version for the page's ETag and the page cache (decision 27).
    maxStatements: 47,
    // Each flagged item once, with all its flags (it was once per flag: 420 KB), 100 a page (all 649: 230 KB).
    maxKB: 60,
  },
  {
    name: "risk register (project)",
    url: (d) => `/projects/${d.projectSlugs[0]}/risks`,
    params: (d) => ({ slug: d.projectSlugs[0]! }),
    loaders: projectPage(riskRegister.loader),
    // 3 of them read the data's version for the page's ETag and the page cache (decision 27).
    maxStatements: 21,
    maxKB: 36,
  },
];

describe("page budgets on the bench's data (statements per request, bytes of page data)", () => {
  for (const page of PAGES) {
    it(`${page.name}: at most ${page.maxStatements} SQL statements and ${page.maxKB} KB`, async () => {
      const data = generateBenchData(getSqlite(), { today: TODAY, passwordHash: "not-used", users: 2 });
      const url = page.url(data);
      const params = page.params(data);
      const requests = await Promise.all(page.loaders.map(() => requestAs(data.ownerUserId, url)));
      // As server.js runs them: each loader has its own Request, all tied to one scope per HTTP request.
      const scope = {};
      for (const request of requests) bindRequestScope(request, scope);
      const { result: responses, statements } = await countStatements(async () => {
        const out: Response[] = [];
        for (const [i, loader] of page.loaders.entries()) out.push(await call(loader, requests[i]!, params));
        return out;
      });
      let bytes = 0;
      for (const res of responses) {
        expect(res.status, `${page.name}: ${url}`).toBe(200);
        bytes += Buffer.byteLength(await res.text());
      }
      const kb = Math.round(bytes / 1024);
      if (process.env.BUDGET_REPORT) console.log(`BUDGET ${page.name}: ${statements} statements, ${kb} KB`);
      expect(statements, `${page.name} ran ${statements} SQL statements (ceiling ${page.maxStatements})`).toBeLessThanOrEqual(page.maxStatements);
      expect(kb, `${page.name} sent ${kb} KB of page data (ceiling ${page.maxKB} KB)`).toBeLessThanOrEqual(page.maxKB);
    });
  }

  it("sends the plans and the attention list without scripts, so their rows are not repeated as hydration data", () => {
    for (const route of [programmePlanAll, projectPlan, programmePlan, flagged, myActions, riskRegister]) expect(route.handle).toEqual({ hydrate: false });
  });

  it("counts a query per row as one statement per row", async () => {
    const data = generateBenchData(getSqlite(), { today: TODAY, passwordHash: "not-used", users: 2 });
    const ids = getSqlite().prepare("select id from actions limit 50").all() as { id: number }[];
    const { statements } = await countStatements(() => {
      const one = getSqlite().prepare("select title from actions where id = ?");
      for (const { id } of ids) one.get(id);
    });
    expect(statements).toBe(50);
    expect(data.counts.actions).toBe(1000);
  });
});
