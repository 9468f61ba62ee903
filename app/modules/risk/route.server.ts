// What every project risk page needs: access checked, the register's scope, the actor and today's date.
import { todayInLondon } from "~/modules/action/rules";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import type { Scope } from "./service.server";

export async function projectRisks(request: Request, slug: string | undefined, need: "read" | "manage" = "read") {
  const { user, access, project } = await requireProjectAccess(request, slug, need);
  const scope: Scope = { projectId: project.id };
  return { user, access, project, scope, actor: actorFor(user, request), today: todayInLondon(new Date()) };
}

export function riskId(params: { riskId?: string }) {
  const id = Number(params.riskId);
  return Number.isInteger(id) && id > 0 ? id : -1;
}

export { peopleOptions };
