// A board member's personal voting link. No sign-in: the token is the credential, bound to one
// member and one proposal version. Mail scanners open every link in an email, so GET and HEAD only
// read; nothing is recorded until a person chooses an option and presses the button (POST).
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { FormState } from "~/components/forms";
import { formatDate, formatDateTime, NotificationBanner, PageTitle, SummaryList } from "~/components/layout";
import { ballotView } from "~/modules/approval/ballot-link.server";
import { BallotRefused } from "~/modules/approval/ballot-state";
import { ballotSchema, DECISION_LABELS } from "~/modules/approval/forms";
import { castBallot, findBallotByToken } from "~/modules/approval/service.server";
import { clientIp, getSessionUser } from "~/modules/auth/session.server";
import { badBallotTokenWait, recordBadBallotToken } from "~/modules/throttle/service.server";
import { waitText } from "~/modules/throttle/policy";
import { BallotForm, ConsultationSummary, DecisionRecord, VersionView } from "~/modules/proposal/ui";
import { parseForm } from "~/utils/forms";
import { todayInLondon } from "~/utils/dates";

// server.js gives every /ballot/ response "Referrer-Policy: no-referrer" and "Cache-Control: no-store".
const LINK_HEADERS = { "X-Robots-Tag": "noindex" };

export const headers: HeadersFunction = () => LINK_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Vote on ${data.title} – Waymark` : "Voting link – Waymark" },
  { name: "referrer", content: "no-referrer" },
  { name: "robots", content: "noindex" },
];

/**
 * Finds the link's ballot. A valid link always works; an address that keeps trying links that do
 * not work is slowed down (429) for those only, so a shared council address or a mail scanner
 * that mangles links never stops a member voting.
 */
async function lookUp(request: Request, token: string | undefined) {
  const ip = clientIp(request);
  const found = token ? findBallotByToken(token) : null;
  if (found) return { found, ip };
  const wait = await badBallotTokenWait(ip);
  if (wait > 0) {
    throw new Response(`Too many voting links that do not work have been tried from your network. ${waitText(wait)}, then try again.`, {
      status: 429,
      headers: { ...LINK_HEADERS, "Retry-After": String(wait) },
    });
  }
  await recordBadBallotToken(ip);
  throw new Response("This voting link is not valid. Check you copied the whole link from the email.", { status: 404, headers: LINK_HEADERS });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await lookUp(request, params.token);
  return json(ballotView(found, todayInLondon()), { headers: LINK_HEADERS });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { found, ip } = await lookUp(request, params.token);
  const user = await getSessionUser(request);
  if (user && user.personId !== found.ballot.personId) {
    return json({ refused: `This link was sent to ${found.member}. You are signed in as ${user.name}, so it cannot record a vote for you. Use the link in your own email, or vote in Waymark.`, errors: undefined, values: undefined }, { status: 403, headers: LINK_HEADERS });
  }
  const parsed = parseForm(await request.formData(), ballotSchema);
  if (!parsed.ok) return json({ refused: null, ...parsed }, { status: 400, headers: LINK_HEADERS });
  try {
    await castBallot({
      actor: { userId: user?.id ?? null, personId: found.ballot.personId, label: `${found.member} (voting link)`, ip },
      ballotId: found.ballot.id,
      personId: found.ballot.personId,
      channel: "email",
      ...parsed.data,
    });
  } catch (error) {
    if (error instanceof BallotRefused) return json({ refused: error.message, errors: undefined, values: undefined }, { status: 409, headers: LINK_HEADERS });
    throw error;
  }
  return redirect(`/ballot/${params.token}`, { headers: LINK_HEADERS });
}

export default function BallotPage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result && "refused" in result ? result.refused : null;
  return (
    <>
      <PageTitle caption={view.projectName}>{view.title}</PageTitle>
      {view.recorded ? (
        <NotificationBanner title="Vote recorded">
          {view.recorded.name} voted {DECISION_LABELS[view.recorded.decision].toLowerCase()} on {formatDateTime(view.recorded.at)}.
        </NotificationBanner>
      ) : null}
      {refused ? (
        <div className="govuk-error-summary" role="alert" tabIndex={-1}>
          <h2 className="govuk-error-summary__title">Your vote was not recorded</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{refused}</p>
          </div>
        </div>
      ) : null}
      {view.message ? (
        <div className="govuk-inset-text" data-testid="link-state">
          {view.message}
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: "For", value: view.member },
          { key: "Version", value: `Version ${view.version.number}${view.version.author ? `, by ${view.version.author}` : ""}` },
          { key: "Vote by", value: `End of ${formatDate(view.deadline)}` },
          { key: "How the board decides", value: `${view.rule} (${view.memberCount} members)` },
        ]}
      />
      {view.decision ? (
        <>
          <h2 className="govuk-heading-m">What was decided</h2>
          <DecisionRecord decision={view.decision} />
        </>
      ) : null}
      <VersionView version={view.version} />
      <h2 className="govuk-heading-m">Consultation with trade-union representatives</h2>
      <ConsultationSummary summary={view.consultation} />
      <p className="govuk-body">Board members who sign in to Waymark can read the consultees' comments.</p>
      {view.state === "open" && !refused ? (
        <>
          <h2 className="govuk-heading-m">Your vote</h2>
          <p className="govuk-body">Opening this page has not recorded anything. Your vote is recorded only when you submit this form.</p>
          <BallotForm state={result && !refused ? (result as FormState) : undefined} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: ({ data }) => (
          <>
            <h1 className="govuk-heading-l">This voting link does not work</h1>
            <p className="govuk-body">{typeof data === "string" ? data : "This voting link is not valid."}</p>
            <p className="govuk-body">If you are a board member, you can also sign in to Waymark and vote there.</p>
          </>
        ),
      }}
    />
  );
}
