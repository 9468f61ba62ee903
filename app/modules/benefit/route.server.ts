// What every benefit and business-case page needs: access to the project checked (404 when it may
// not be seen, 403 when it may be seen but not managed), the actor, today's date and the page's base.
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { todayInLondon } from "~/utils/dates";

export async function benefitPlace(request: Request, params: { slug?: string }, need: "read" | "manage" = "read") {
  const { user, access, project } = await requireProjectAccess(request, params.slug, need);
  return { user, project, canManage: access.canManage, actor: actorFor(user, request), today: todayInLondon(new Date()), base: `/projects/${project.slug}/benefits` };
}

export function idParam(value: string | undefined) {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? id : -1;
}
