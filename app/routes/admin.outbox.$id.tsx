import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle, SummaryList, Tag, formatDateTime } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { getOutboxMessage } from "~/modules/mail/mailer.server";
import { notFound } from "~/utils/errors";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? "Email"} – Outbox – Waymark` },
];

const STATUS = {
  stored: { label: "Stored", colour: "blue" },
  sent: { label: "Sent", colour: "green" },
  failed: { label: "Failed", colour: "red" },
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = Number(params.id);
  const message = Number.isInteger(id) && id > 0 ? getOutboxMessage(id) : undefined;
  if (!message) notFound();
  return json({ message });
}

export default function OutboxMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: "/admin", label: "Administration" },
          { to: "/admin/outbox", label: "Outbox" },
        ]}
      />
      <PageTitle caption="Email">{message.subject}</PageTitle>
      <SummaryList
        rows={[
          { key: "To", value: message.to },
          { key: "When", value: formatDateTime(message.createdAt) },
          { key: "Status", value: <Tag colour={STATUS[message.status].colour}>{STATUS[message.status].label}</Tag> },
          { key: "How", value: message.transport === "smtp" ? "Mail server (SMTP)" : "Stored in the outbox only" },
          ...(message.error ? [{ key: "Error", value: message.error }] : []),
          ...(message.dedupeKey ? [{ key: "Sent once for", value: <code>{message.dedupeKey}</code> }] : []),
        ]}
      />
      <section aria-labelledby="email-text">
        <h2 className="govuk-heading-m" id="email-text">
          Text version
        </h2>
        <pre className="govuk-body" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", border: "1px solid #b1b4b6", padding: "15px" }}>
          {message.text}
        </pre>
      </section>
      <h2 className="govuk-heading-m">HTML version</h2>
      <p className="govuk-body">Shown as the recipient's mail program would show it. Scripts and forms inside it are switched off.</p>
      {/* An empty sandbox: the stored HTML cannot run script, submit forms or navigate this page. */}
      <iframe
        title={`HTML version of the email: ${message.subject}`}
        sandbox=""
        srcDoc={message.html}
        referrerPolicy="no-referrer"
        style={{ width: "100%", height: "600px", border: "1px solid #b1b4b6" }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
