// The manager records a decision the board made at a meeting, e.g. on a stalled email ballot.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DateInput, ErrorSummary, Radios, SubmitButton, TextArea } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { notifyOutcome, recordMeetingDecision } from "~/modules/approval/decision.server";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { meetingDecisionSchema } from "~/modules/proposal/forms";
import { getVersion } from "~/modules/proposal/service.server";
import { attempt, parseForm } from "~/utils/forms";
import { todayInLondon } from "~/utils/dates";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Record a meeting decision", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const { proposal, version } = getVersion({ projectId: project.id, proposalId: Number(params.proposalId) });
  return json({ project: { slug: project.slug }, proposal: { id: proposal.id, title: proposal.title, version: version.number }, options: version.optionsConsidered, today: todayInLondon() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const proposalId = Number(params.proposalId);
  const parsed = parseForm(await request.formData(), meetingDecisionSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => recordMeetingDecision({ actor: actorFor(user, request), projectId: project.id, proposalId, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  await notifyOutcome(result.result.id);
  return redirect(`/projects/${project.slug}/decisions#decision-${result.result.id}`);
}

export default function RecordMeetingDecision() {
  const { project, proposal, options, today } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={proposal.title}>Record a decision made at a meeting</PageTitle>
      <p className="govuk-body">This records the board's decision on version {proposal.version}. Any email ballot still open closes, and an earlier decision on this proposal is kept but marked as superseded.</p>
      <Form method="post" noValidate>
        <Radios name="outcome" legend="What did the board decide?" state={state} options={[{ value: "approved", label: "Approved" }, { value: "rejected", label: "Rejected" }, { value: "deferred", label: "Deferred" }]} />
        <DateInput name="decidedOn" label="Date of the decision" state={state} defaultValue={today} />
        <TextArea name="reasons" label="Reasons for the decision" state={state} />
        <TextArea name="alternativesRejected" label="Alternatives considered and rejected" state={state} defaultValue={options} />
        <TextArea name="conflictsDeclared" label="Conflicts of interest declared" hint="Who declared an interest, and what it was. Leave blank if none." rows={3} state={state} />
        <div className="govuk-button-group">
          <SubmitButton>Record the decision</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/proposals/${proposal.id}`}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
