import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, SubmitButton, TextInput } from "~/components/forms";
import { formatDateTime, NotificationBanner, PageTitle } from "~/components/layout";
import { getEnv } from "~/env.server";
import { actorFor, requireUser } from "~/modules/auth/session.server";
import { createFeedToken, feedChoices, regenerateFeedToken, revokeFeedToken } from "~/modules/calendar/feeds.server";
import { keyOfTarget, subscriptionSchema, targetFromKey } from "~/modules/calendar/forms";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Calendar subscriptions – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const choices = feedChoices(user).map((c) => ({ key: keyOfTarget(c.target), label: c.label, token: c.token }));
  return json({ choices });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await request.formData(), subscriptionSchema);
  if (!parsed.ok) return json({ ...parsed, created: null, revoked: null }, { status: 400 });
  const actor = actorFor(user, request);
  const data = parsed.data;
  const feedUrl = (token: string) => `${getEnv().APP_URL}/feeds/${token}.ics`;
  if (data.intent === "revoke") {
    revokeFeedToken({ actor, user, tokenId: data.tokenId });
    return json({ ok: true as const, created: null, revoked: true });
  }
  const result = attempt(parsed.values, () =>
    data.intent === "create" ? createFeedToken({ actor, user, target: targetFromKey(data.feed), name: data.name }) : regenerateFeedToken({ actor, user, tokenId: data.tokenId }),
  );
  if (!result.ok) return json({ ...result, created: null, revoked: null }, { status: 400 });
  return json({ ok: true as const, created: { url: feedUrl(result.result.token), name: result.result.row.name }, revoked: null });
}

export default function CalendarSubscriptions() {
  const { choices } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const failed = state && state.ok === false ? state : undefined;
  const live = choices.filter((c) => c.token);
  const free = choices.filter((c) => !c.token);
  return (
    <>
      <ErrorSummary errors={failed?.errors} />
      <PageTitle>Calendar subscriptions</PageTitle>
      {state?.created ? (
        <NotificationBanner title="Link made">
          <p className="govuk-notification-banner__heading">Copy this link for “{state.created.name}” now: it will not be shown again.</p>
          <label className="govuk-label" htmlFor="feed-url">
            Calendar link
          </label>
          <input className="govuk-input" id="feed-url" readOnly value={state.created.url} spellCheck={false} />
        </NotificationBanner>
      ) : null}
      {state?.revoked ? <NotificationBanner title="Link turned off">That calendar link no longer works. Calendars using it will stop updating.</NotificationBanner> : null}
      <p className="govuk-body">
        Subscribe in Outlook or another calendar to see your deadlines beside your meetings. The calendar updates by itself and only ever shows what you can see
        in Waymark now. You can also look at <Link className="govuk-link" to="/my-calendar">my calendar</Link> here.
      </p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Treat a calendar link like a password. Anyone who has it can see the items in it. If it may have been shared, turn it off or make a new one.
        </strong>
      </div>

      <h2 className="govuk-heading-m">Your calendar links</h2>
      {live.length === 0 ? (
        <p className="govuk-body">You have no calendar links yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Your calendar links</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">Name</th>
              <th scope="col" className="govuk-table__header">Calendar</th>
              <th scope="col" className="govuk-table__header">Made</th>
              <th scope="col" className="govuk-table__header">
                <span className="govuk-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {live.map((c) => (
              <tr className="govuk-table__row" key={c.key}>
                <td className="govuk-table__cell">{c.token!.name}</td>
                <td className="govuk-table__cell">{c.label}</td>
                <td className="govuk-table__cell">{formatDateTime(c.token!.createdAt)}</td>
                <td className="govuk-table__cell">
                  <div className="govuk-button-group govuk-!-margin-bottom-0">
                    <Form method="post">
                      <input type="hidden" name="intent" value="regenerate" />
                      <input type="hidden" name="tokenId" value={c.token!.id} />
                      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                        Make a new link<span className="govuk-visually-hidden"> for {c.token!.name}</span>
                      </button>
                    </Form>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="tokenId" value={c.token!.id} />
                      <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                        Turn off<span className="govuk-visually-hidden"> {c.token!.name}</span>
                      </button>
                    </Form>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {free.length ? (
        <>
          <h2 className="govuk-heading-m">Make a calendar link</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="create" />
            <Radios name="feed" legend="Which calendar" options={free.map((c) => ({ value: c.key, label: c.label }))} state={failed} defaultValue={free[0]!.key} />
            <TextInput name="name" label="Name for the link" hint="To recognise it later, for example “Outlook on my laptop”." state={failed} width={30} />
            <SubmitButton>Make the link</SubmitButton>
          </Form>
        </>
      ) : null}

      <h2 className="govuk-heading-m">How to add the link to your calendar</h2>
      <h3 className="govuk-heading-s">Outlook on the web or new Outlook</h3>
      <ol className="govuk-list govuk-list--number">
        <li>Open Calendar and choose Add calendar.</li>
        <li>Choose Subscribe from web.</li>
        <li>Paste the link, give the calendar a name, and choose Import.</li>
      </ol>
      <h3 className="govuk-heading-s">Classic Outlook for Windows</h3>
      <ol className="govuk-list govuk-list--number">
        <li>In Calendar, on the Home tab, choose Add Calendar, then From Internet.</li>
        <li>Paste the link and choose OK, then Yes.</li>
      </ol>
      <h3 className="govuk-heading-s">Other calendars</h3>
      <p className="govuk-body">
        In Google Calendar, choose Other calendars, then From URL. On a Mac or iPhone, choose New Calendar Subscription (Calendar app) or Add Subscribed
        Calendar (Settings). Calendars check for changes every few hours, so a moved date can take a while to appear.
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
