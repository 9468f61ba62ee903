// Flagged benefits and business cases over cost tolerance: what the project overview and the
// programme's "What needs attention" page list beside actions and risks.
import { visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { benefitFlagLabel, BENEFIT_FLAG_NAMES } from "./rules";
import { costToleranceAcross } from "./business-case.server";
import { listBenefitsOf } from "./service.server";

export interface FlaggedBenefit {
  id: number;
  name: string;
  href: string;
  project: string;
  flags: Array<{ kind: string; name: string; text: string }>;
}

type ProjectRef = { id: number; slug: string; name: string };

/** Flagged benefits of the projects as of the date, plus "cost tolerance exceeded" from their business cases: a fixed number of queries. */
function attentionOf(list: ProjectRef[], asOf: string) {
  const byId = new Map(list.map((p) => [p.id, p]));
  const ids = list.map((p) => p.id);
  const benefits: FlaggedBenefit[] = listBenefitsOf({ projectIds: ids, today: asOf })
    .filter((b) => b.flags.length > 0)
    .map((b) => ({
      id: b.id,
      name: b.name,
      href: `/projects/${byId.get(b.projectId)!.slug}/benefits/${b.id}`,
      project: byId.get(b.projectId)!.name,
      flags: b.flags.map((f) => ({ kind: f.kind, name: BENEFIT_FLAG_NAMES[f.kind], text: benefitFlagLabel(f, b.unit) })),
    }));
  const costs = [...costToleranceAcross(ids)].map(([id, years]) => ({
    project: byId.get(id)!.name,
    href: `/projects/${byId.get(id)!.slug}/business-case`,
    text: `Cost tolerance exceeded in ${years.join(", ")}`,
  }));
  return { benefits, costs };
}

/** One project's: the project overview. */
export function projectBenefitAttention({ project, asOf }: { project: ProjectRef; asOf: string }) {
  const { benefits, costs } = attentionOf([project], asOf);
  return { benefits, cost: costs[0] ?? null };
}

/** Across the programme's projects the user may see: the "What needs attention" page. */
export function loadFlaggedBenefits({ user, programmeId, asOf }: { user: SessionUser; programmeId: number; asOf: string }) {
  return attentionOf(visibleProjects(user, programmeId), asOf);
}
