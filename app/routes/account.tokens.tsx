// /account/tokens: the person's personal access tokens for the read-only API. A new token is
// shown once, on the page that made it; only its hash is kept.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { PageTitle, formatDate } from "~/components/layout";
import { addDays, todayInLondon } from "~/modules/action/rules";
import { createToken, listTokens, revokeToken } from "~/modules/api/tokens.server";
import { actorFor, requireUser } from "~/modules/auth/session.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "API tokens – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const today = todayInLondon();
  return json({ tokens: listTokens(user.id), today, defaultExpiry: addDays(today, 90) });
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: z.string(), expiresOn: z.string() }),
  z.object({ intent: z.literal("revoke"), tokenId: z.coerce.number().int().positive() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), schema);
  if (!parsed.ok) return json({ ...parsed, token: null as string | null, revoked: false }, { status: 400 });
  const actor = actorFor(user, request);
  if (parsed.data.intent === "revoke") {
    revokeToken({ actor, userId: user.id, tokenId: parsed.data.tokenId });
    return json({ ok: true as const, errors: undefined, values: {}, token: null as string | null, revoked: true });
  }
  const { name, expiresOn } = parsed.data;
  const made = attempt(parsed.values, () => createToken({ actor, userId: user.id, name, expiresOn, today: todayInLondon() }));
  if (!made.ok) return json({ ...made, token: null as string | null, revoked: false }, { status: 400 });
  return json({ ok: true as const, errors: undefined, values: {}, token: made.result.token as string | null, revoked: false });
}

export default function Tokens() {
  const { tokens, today, defaultExpiry } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && !result.ok ? result : undefined;
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption="Your account">API tokens</PageTitle>
      <p className="govuk-body">
        A personal access token lets Power BI, Excel (“From Web”) or a script read what you can see in Waymark, through the read-only API described in{" "}
        <a className="govuk-link" href="/api/v1/openapi.json">the API description (OpenAPI)</a>. Send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      {result?.ok && result.token ? (
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h2 className="govuk-panel__title">Token made</h2>
          <div className="govuk-panel__body">
            Copy it now: it will not be shown again.
            <br />
            <code className="waymark-token" style={{ wordBreak: "break-all" }}>{result.token}</code>
          </div>
        </div>
      ) : null}
      {result?.ok && result.revoked ? <p className="govuk-body" role="status">The token was revoked. It no longer works.</p> : null}

      <h2 className="govuk-heading-m">Make a token</h2>
      <Form method="post">
        <input type="hidden" name="intent" value="create" />
        <TextInput name="name" label="Name" hint="What it is for, so you can tell your tokens apart, such as “Power BI dashboard”" state={state} />
        <DateInput name="expiresOn" label="Expires on" hint={`Within a year. For example, ${defaultExpiry}`} state={state} defaultValue={defaultExpiry} />
        <SubmitButton>Make token</SubmitButton>
      </Form>

      <h2 className="govuk-heading-m">Your tokens</h2>
      {tokens.length === 0 ? (
        <p className="govuk-body">You have no tokens.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Your tokens</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Starts with</th>
              <th scope="col" className="govuk-table__header">Made</th>
              <th scope="col" className="govuk-table__header">Expires</th>
              <th scope="col" className="govuk-table__header">Last used</th>
              <th scope="col" className="govuk-table__header">State</th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {tokens.map((t) => (
              <tr className="govuk-table__row" key={t.id}>
                <td className="govuk-table__cell">{t.name}</td>
                <td className="govuk-table__cell"><code>{t.prefix}</code></td>
                <td className="govuk-table__cell">{formatDate(t.createdAt.slice(0, 10))}</td>
                <td className="govuk-table__cell">{formatDate(t.expiresOn)}</td>
                <td className="govuk-table__cell">{t.lastUsedAt ? formatDate(t.lastUsedAt.slice(0, 10)) : "Never"}</td>
                <td className="govuk-table__cell">
                  {t.revokedAt ? (
                    `Revoked ${formatDate(t.revokedAt.slice(0, 10))}`
                  ) : t.expiresOn < today ? (
                    "Expired"
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={t.id} />
                      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        Revoke<span className="govuk-visually-hidden"> {t.name}</span>
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
