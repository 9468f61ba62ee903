import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireProgrammeAccess } from "~/modules/auth/access.server";
import { calendarLinks } from "~/modules/calendar/links";
import { calendarPageData } from "~/modules/calendar/page.server";
import { CalendarPage } from "~/modules/calendar/ui";
import { programmeScope } from "~/modules/schedule/graph.server";

export const links: LinksFunction = calendarLinks;
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Calendar: ${data?.programme.name ?? "programme"} – Waymark` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug);
  const view = calendarPageData({ user, scope: { kind: "projects", projectIds: programmeScope(user, programme.id), programmeIds: [programme.id] }, request });
  return json({ programme: { slug: programme.slug, name: programme.name }, view }, { status: view.error ? 400 : 200 });
}

export default function ProgrammeCalendar() {
  const { programme, view } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: `/programmes/${programme.slug}`, label: programme.name },
        ]}
      />
      <PageTitle caption={programme.name}>Programme calendar</PageTitle>
      <p className="govuk-body">
        What falls due across the programme&apos;s projects you can see, and the programme&apos;s risk reviews. To see them in Outlook, use{" "}
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
