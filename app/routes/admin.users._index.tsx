import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle, Tag, formatDateTime } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { listUsers } from "~/modules/auth/service.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Users – Administration – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ users: listUsers() });
}

export default function AdminUsers() {
  const { users } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: "/admin", label: "Administration" }]} />
      <PageTitle>Users</PageTitle>
      <p className="govuk-body">
        <Link className="govuk-button" to="/admin/users/new">
          Create a user
        </Link>
      </p>
      <TableScroll label="Everyone who can sign in">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Everyone who can sign in</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Email</th>
              <th scope="col" className="govuk-table__header">Organisation</th>
              <th scope="col" className="govuk-table__header">Access</th>
              <th scope="col" className="govuk-table__header">Last signed in</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {users.map((u) => (
              <tr className="govuk-table__row" key={u.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/admin/users/${u.id}`}>
                    {u.name}
                  </Link>
                  {u.jobTitle ? (
                    <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">
                      <span className="govuk-visually-hidden">, </span>
                      {u.jobTitle}
                    </span>
                  ) : null}
                </td>
                <td className="govuk-table__cell">{u.email}</td>
                <td className="govuk-table__cell">{u.organisationName ? `${u.organisationName} (${u.organisationCode})` : "None"}</td>
                <td className="govuk-table__cell">
                  {u.disabledAt ? <Tag colour="grey">Disabled</Tag> : <Tag colour="green">Active</Tag>}{" "}
                  {u.isAdmin ? <Tag colour="purple">Administrator</Tag> : null}
                </td>
                <td className="govuk-table__cell">{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
