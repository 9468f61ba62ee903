// The pages the bench measures, in order, with their budgets (medians at c=1 on an idle machine).
import { page } from "./harness";

const PLAN_PAGE = { medianMs: 12, rawKB: 150 };

page({ name: "Project action plan, first page", path: (d) => `/projects/${d.projectSlugs[0]}/actions`, budget: PLAN_PAGE });
page({ name: "Programme action plan, first page", path: (d) => `/programmes/${d.programmeSlug}/actions`, budget: PLAN_PAGE });
page({ name: "Programme plan, all 1,000 rows", path: (d) => `/programmes/${d.programmeSlug}/actions/all`, budget: { medianMs: 60 } });
page({ name: "Action page (3 notes, 4 dependencies)", path: (d) => `/projects/${d.sample.projectSlug}/actions/${d.sample.actionId}`, budget: { medianMs: 8, rawKB: 60 } });
page({ name: "My actions", path: () => "/my-actions" });
page({ name: "What needs attention (programme)", path: (d) => `/programmes/${d.programmeSlug}/flagged` });
page({ name: "Risk register (project)", path: (d) => `/projects/${d.projectSlugs[0]}/risks` });
page({ name: "Programme timeline (1,000 actions)", path: (d) => `/programmes/${d.programmeSlug}/timeline` });
