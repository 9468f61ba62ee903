// Flagged benefits and business cases over cost tolerance: what the project overview and the
// programme's "What needs attention" page list beside actions and risks.
import { visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { benefitFlagLabel, BENEFIT_FLAG_NAMES } from "./rules";
import { listBenefits } from "./service.server";
import { businessCaseStatus } from "./summary.server";

export interface FlaggedBenefit {
  id: number;
  name: string;
  href: string;
  project: string;
  flags: Array<{ kind: string; name: string; text: string }>;
}

/** One project's flagged benefits as of the date, plus "cost tolerance exceeded" from its business case. */
export function projectBenefitAttention({ project, asOf }: { project: { id: number; slug: string; name: string }; asOf: string }) {
  const flagged: FlaggedBenefit[] = listBenefits({ projectId: project.id, today: asOf })
    .filter((b) => b.flags.length > 0)
    .map((b) => ({
      id: b.id,
      name: b.name,
      href: `/projects/${project.slug}/benefits/${b.id}`,
      project: project.name,
      flags: b.flags.map((f) => ({ kind: f.kind, name: BENEFIT_FLAG_NAMES[f.kind], text: benefitFlagLabel(f, b.unit) })),
    }));
  const status = businessCaseStatus(project.id);
  const cost = status.costToleranceExceeded
    ? { project: project.name, href: `/projects/${project.slug}/business-case`, text: `Cost tolerance exceeded in ${status.exceededIn.join(", ")}` }
    : null;
  return { benefits: flagged, cost };
}

/** The same across the programme's projects the user may see. */
export function loadFlaggedBenefits({ user, programmeId, asOf }: { user: SessionUser; programmeId: number; asOf: string }) {
  const all = visibleProjects(user, programmeId).map((p) => projectBenefitAttention({ project: p, asOf }));
  return { benefits: all.flatMap((a) => a.benefits), costs: all.flatMap((a) => (a.cost ? [a.cost] : [])) };
}
