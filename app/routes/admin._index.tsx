import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { countAuditEvents } from "~/modules/audit/service.server";
import { requireAdmin } from "~/modules/auth/access.server";
import { listUsers } from "~/modules/auth/service.server";
import { listOrganisations } from "~/modules/people/organisations.server";

export const meta: MetaFunction = () => [{ title: "Administration – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const users = listUsers();
  return json({
    users: users.length,
    disabled: users.filter((u) => u.disabledAt).length,
    organisations: listOrganisations().length,
    auditEvents: countAuditEvents(),
  });
}

export default function AdminIndex() {
  const data = useLoaderData<typeof loader>();
  const sections = [
    {
      to: "/admin/users",
      title: "Users",
      text: `${data.users} ${data.users === 1 ? "user" : "users"}${data.disabled ? `, ${data.disabled} disabled` : ""}. Create accounts, disable them and reset passwords.`,
    },
    { to: "/admin/organisations", title: "Organisations", text: `${data.organisations} councils and partners. Add an organisation and its short code.` },
    { to: "/admin/outbox", title: "Outbox", text: "Every email Waymark has sent or stored, newest first." },
    {
      to: "/admin/audit",
      title: "Audit trail",
      text: `Who did what, and when: ${data.auditEvents} events. Check the trail has not been altered.`,
    },
  ];
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }]} />
      <PageTitle>Administration</PageTitle>
      <ul className="govuk-list">
        {sections.map((s) => (
          <li key={s.to} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={s.to}>
                {s.title}
              </Link>
            </h2>
            <p className="govuk-body">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
