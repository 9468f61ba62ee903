import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle, Tag, formatDateTime } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { listOutbox } from "~/modules/mail/mailer.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Outbox – Administration – Waymark" }];

const STATUS = {
  stored: { label: "Stored", colour: "blue" },
  sent: { label: "Sent", colour: "green" },
  failed: { label: "Failed", colour: "red" },
} as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const before = Number(new URL(request.url).searchParams.get("before")) || undefined;
  return json({ ...listOutbox({ before, limit: 50 }), paged: Boolean(before) });
}

export default function AdminOutbox() {
  const { messages, hasMore, paged } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: "/admin", label: "Administration" }]} />
      <PageTitle>Outbox</PageTitle>
      <p className="govuk-body">
        Every email Waymark sends is kept here, newest first. Without a mail server configured, emails are stored and not sent.
      </p>
      {messages.length ? (
        <TableScroll label="Emails, newest first">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Emails, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">When</th>
                <th scope="col" className="govuk-table__header">To</th>
                <th scope="col" className="govuk-table__header">Subject</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {messages.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <td className="govuk-table__cell">{formatDateTime(m.createdAt)}</td>
                  <td className="govuk-table__cell">{m.to}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/admin/outbox/${m.id}`}>
                      {m.subject}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    <Tag colour={STATUS[m.status].colour}>{STATUS[m.status].label}</Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">{paged ? "No older emails." : "No emails yet."}</p>
      )}
      {hasMore ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/admin/outbox?before=${messages[messages.length - 1]!.id}`}>
            Older emails
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
