import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { Breadcrumbs, NotificationBanner, PageTitle, SummaryList, Tag, formatDateTime } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { getUserForAdmin, setPassword, setUserDisabled, UserInputError } from "~/modules/auth/service.server";
import { actorFor } from "~/modules/auth/session.server";
import { sendPasswordResetEmail } from "~/modules/mail/account-emails.server";
import { notFound } from "~/utils/errors";
import { failure, parseForm } from "~/utils/forms";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "User"} – Administration – Waymark` },
];

const MIN_PASSWORD = 12;

const UserActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("enable") }),
  z.object({
    intent: z.literal("password"),
    password: z
      .string()
      .min(MIN_PASSWORD, `The new password must be at least ${MIN_PASSWORD} characters`)
      .max(200, "The new password must be 200 characters or fewer"),
  }),
]);

const DONE: Record<string, string> = {
  created: "User created. We have emailed them to say so; give them the temporary password yourself.",
  disabled: "User disabled. They have been signed out everywhere and cannot sign in.",
  enabled: "User enabled. They can sign in again.",
  password: "Password reset. They have been signed out everywhere and must sign in with the new password.",
};

function userIdFrom(params: { id?: string }) {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return id;
}

/** Only the password has a field on this page; any other message goes to the top of the summary. */
function onPage(errors: Record<string, string>) {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === "password" ? k : "_form", v]));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const user = getUserForAdmin(userIdFrom(params));
  if (!user) notFound();
  return json({ user, isSelf: user.id === admin.id });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const userId = userIdFrom(params);
  const user = getUserForAdmin(userId);
  if (!user) notFound();
  const parsed = parseForm(await request.formData(), UserActionSchema);
  const { password: _password, ...kept } = parsed.values;
  if (!parsed.ok) return json(failure(onPage(parsed.errors), kept), { status: 400 });
  const actor = actorFor(admin, request);
  try {
    if (parsed.data.intent === "password") {
      await setPassword(actor, userId, parsed.data.password);
      await sendPasswordResetEmail({ to: user.email, name: user.name, resetBy: admin.name });
      return redirect(`/admin/users/${userId}?done=password`);
    }
    setUserDisabled(actor, userId, parsed.data.intent === "disable");
    return redirect(`/admin/users/${userId}?done=${parsed.data.intent}d`);
  } catch (error) {
    if (error instanceof UserInputError) return json(failure(onPage(error.fieldErrors), kept), { status: 400 });
    throw error;
  }
}

export default function AdminUser() {
  const { user, isSelf } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: "/admin", label: "Administration" },
          { to: "/admin/users", label: "Users" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {done && !state ? <NotificationBanner>{done}</NotificationBanner> : null}
          <ErrorSummary errors={state?.errors} />
          <PageTitle caption="User">{user.name}</PageTitle>
          <SummaryList
            rows={[
              { key: "Email", value: user.email },
              { key: "Initials", value: user.initials ?? "None" },
              { key: "Job title", value: user.jobTitle ?? "None" },
              { key: "Organisation", value: user.organisationName ? `${user.organisationName} (${user.organisationCode})` : "None" },
              { key: "Administrator", value: user.isAdmin ? "Yes" : "No" },
              {
                key: "Status",
                value: user.disabledAt ? (
                  <>
                    <Tag colour="grey">Disabled</Tag> since {formatDateTime(user.disabledAt)}
                  </>
                ) : (
                  <Tag colour="green">Active</Tag>
                ),
              },
              { key: "Last signed in", value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never" },
              { key: "Open sessions", value: String(user.openSessions) },
              { key: "Account created", value: formatDateTime(user.createdAt) },
            ]}
          />

          <p className="govuk-body">
            <Link className="govuk-link" to={`/admin/audit?actor=${encodeURIComponent(user.email)}`}>
              See what {user.name} has done in the audit trail
            </Link>
          </p>

          <h2 className="govuk-heading-m">{user.disabledAt ? "Enable this user" : "Disable this user"}</h2>
          {isSelf ? (
            <p className="govuk-body">You cannot disable your own account. Ask another administrator.</p>
          ) : (
            <Form method="post">
              <p className="govuk-body">
                {user.disabledAt
                  ? "They will be able to sign in again with their existing password."
                  : "They will be signed out at once, everywhere, and will not be able to sign in. Their actions and history are kept."}
              </p>
              <input type="hidden" name="intent" value={user.disabledAt ? "enable" : "disable"} />
              {user.disabledAt ? (
                <SubmitButton secondary>Enable user</SubmitButton>
              ) : (
                <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                  Disable user
                </button>
              )}
            </Form>
          )}

          <h2 className="govuk-heading-m">Reset password</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="password" />
            <TextInput
              name="password"
              label="New temporary password"
              hint={`At least ${MIN_PASSWORD} characters. Resetting it signs them out everywhere.`}
              type="password"
              autoComplete="new-password"
              state={state}
            />
            <SubmitButton secondary>Reset password</SubmitButton>
          </Form>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
