// The calendar pages' loader body, shared by the project, programme and personal calendars.
import { todayInLondon } from "~/modules/action/rules";
import type { SessionUser } from "~/modules/auth/session.server";
import { loadEvents, ownerOptions, workPackageOptions, type EventScope } from "./events.server";
import { calendarView } from "./view";

export function calendarPageData({ user, scope, request }: { user: SessionUser; scope: EventScope; request: Request }) {
  const today = todayInLondon();
  const events = loadEvents({ user, scope, asOf: today });
  const view = calendarView({
    events,
    params: new URL(request.url).searchParams,
    today,
    workPackages: scope.kind === "projects" ? workPackageOptions(scope.projectIds) : [],
    owners: ownerOptions(events),
  });
  return view;
}
