import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { calendarLinks } from "~/modules/calendar/links";
import { calendarPageData } from "~/modules/calendar/page.server";
import { CalendarPage } from "~/modules/calendar/ui";

export const links: LinksFunction = calendarLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Calendar: ${data?.project.name ?? "project"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug);
  const view = calendarPageData({ user, scope: { kind: "projects", projectIds: [project.id], programmeIds: [] }, request });
  return json({ project: { name: project.name }, view }, { status: view.error ? 400 : 200 });
}

export default function ProjectCalendar() {
  const { project, view } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle caption={project.name}>Calendar</PageTitle>
      <p className="govuk-body">
        Action due dates, milestones, stage starts and ends, ballot deadlines and risk reviews. To see them in Outlook, use{" "}
        <Link className="govuk-link" to="/calendar-subscriptions">
          calendar subscriptions
        </Link>
        .
      </p>
      <CalendarPage data={view} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
