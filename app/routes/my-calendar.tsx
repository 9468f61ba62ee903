import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { requireUser } from "~/modules/auth/session.server";
import { calendarLinks } from "~/modules/calendar/links";
import { calendarPageData } from "~/modules/calendar/page.server";
import { CalendarPage } from "~/modules/calendar/ui";

export const links: LinksFunction = calendarLinks;
export const meta: MetaFunction = () => [{ title: "My calendar – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const view = calendarPageData({ user, scope: { kind: "personal" }, request });
  return json({ name: user.name, view }, { status: view.error ? 400 : 200 });
}

export default function MyCalendar() {
  const { name, view } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle caption={name}>My calendar</PageTitle>
      <p className="govuk-body">
        Actions you own or whose work package you lead, milestones of your projects, ballots awaiting your vote and risks you own.{" "}
        <Link className="govuk-link" to="/calendar-subscriptions">
          Add this calendar to Outlook
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
