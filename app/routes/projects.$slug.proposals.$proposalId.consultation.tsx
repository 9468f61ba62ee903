// Consultation comments can reveal trade-union membership (special-category data): only the
// project's managers, its board members and its consultees may read them.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, SubmitButton, TextArea } from "~/components/forms";
import { formatDateTime, PageTitle, Tag } from "~/components/layout";
import { refuseAccess, requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { consultationSchema, POSITION_LABELS } from "~/modules/proposal/forms";
import { canSeeConsultation, getProposal, getVisibleProposal, listConsultation, openConsultation, recordReply, recordResponse } from "~/modules/proposal/service.server";
import { ConsultationSummary } from "~/modules/proposal/ui";
import { UserInputError } from "~/utils/errors";
import { attempt, failure, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Consultation", matches) }];

async function gate(request: Request, slug: string | undefined, proposalId: number) {
  const gated = await requireProjectAccess(request, slug);
  getVisibleProposal({ projectId: gated.project.id, proposalId, access: gated.access });
  if (!canSeeConsultation(gated.access)) {
    refuseAccess({
      actor: actorFor(gated.user, request),
      request,
      projectId: gated.project.id,
      what: "consultation comments",
      status: 403,
      message: "Consultation comments are shown only to the project's managers, its board and its consultees.",
    });
  }
  return gated;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const proposalId = Number(params.proposalId);
  const { project, access } = await gate(request, params.slug, proposalId);
  const proposal = getProposal({ projectId: project.id, proposalId });
  return json({ proposal, ...listConsultation({ projectId: project.id, proposalId }), isConsultee: access.roles.has("consultee") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const proposalId = Number(params.proposalId);
  const { project, access, user } = await gate(request, params.slug, proposalId);
  const parsed = parseForm(await request.formData(), consultationSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(user, request);
  const input = parsed.data;
  if (input.intent === "respond") {
    if (!access.roles.has("consultee"))
      refuseAccess({ actor, request, projectId: project.id, what: "consultation position", status: 403, message: "Only the project's consultees can record a position." });
    const result = attempt(parsed.values, () => recordResponse({ actor, projectId: project.id, proposalId, position: input.position, comment: input.comment }));
    if (!result.ok) return json(result, { status: 400 });
  } else {
    if (!access.canManage) refuseAccess({ actor, request, projectId: project.id, what: "manage consultation", status: 403, message: "Only the project's managers can do that." });
    if (input.intent === "reply") {
      const result = attempt(parsed.values, () => recordReply({ actor, projectId: project.id, proposalId, responseId: input.responseId, body: input.body }));
      if (!result.ok) return json(result, { status: 400 });
    } else {
      try {
        await openConsultation({ actor, projectId: project.id, proposalId });
      } catch (error) {
        if (error instanceof UserInputError) return json(failure(error.fieldErrors, parsed.values), { status: 400 });
        throw error;
      }
    }
  }
  return redirect(`/projects/${project.slug}/proposals/${proposalId}/consultation`);
}

export default function Consultation() {
  const { proposal, responses, summary, isConsultee } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { canManage } = useProject();
  const open = proposal.status === "in_consultation";
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={proposal.title}>Consultation</PageTitle>
      <p className="govuk-body">Trade-union representatives quality-assure the proposal before the board decides. These comments are visible only to the project's managers, its board and its consultees.</p>
      {canManage && ["draft", "deferred", "rejected"].includes(proposal.status) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="open" />
          <SubmitButton>Open consultation and email the consultees</SubmitButton>
        </Form>
      ) : null}
      <p className="govuk-body">{open ? `Consultation is open on version ${proposal.currentVersion}.` : "Consultation is not open."}</p>
      <h2 className="govuk-heading-m">Summary for the board</h2>
      <ConsultationSummary summary={summary} />
      {isConsultee && open ? (
        <>
          <h2 className="govuk-heading-m">Your position</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="respond" />
            <Radios name="position" legend={`Your position on version ${proposal.currentVersion}`} state={state?.values?.intent === "respond" ? state : undefined} options={[{ value: "supports", label: "Supports" }, { value: "has_concerns", label: "Has concerns" }, { value: "objects", label: "Objects" }]} />
            <TextArea name="comment" label="Comment" state={state?.values?.intent === "respond" ? state : undefined} />
            <SubmitButton>Record my position</SubmitButton>
          </Form>
        </>
      ) : null}
      <h2 className="govuk-heading-m">Responses</h2>
      {responses.length === 0 ? <p className="govuk-body">No responses yet.</p> : null}
      {responses.map((r) => (
        <div key={r.id} className="govuk-summary-card">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {r.name}: <Tag colour={r.position === "supports" ? "green" : r.position === "objects" ? "red" : "yellow"}>{POSITION_LABELS[r.position]}</Tag>
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <p className="govuk-body-s">On version {r.version}, {formatDateTime(r.createdAt)}</p>
            <p className="govuk-body" style={{ whiteSpace: "pre-line" }}>{r.comment || "No comment."}</p>
            {r.replies.map((x) => (
              <div key={x.id} className="govuk-inset-text">
                <p className="govuk-body-s">Reply from {x.name ?? "the project manager"}, {formatDateTime(x.createdAt)}</p>
                <p className="govuk-body" style={{ whiteSpace: "pre-line" }}>{x.body}</p>
              </div>
            ))}
            {canManage ? (
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="reply" />
                <input type="hidden" name="responseId" value={r.id} />
                <TextArea name="body" label={`Reply to ${r.name}`} rows={3} state={state?.values?.responseId === String(r.id) ? state : undefined} />
                <SubmitButton secondary>Send reply</SubmitButton>
              </Form>
            ) : null}
          </div>
        </div>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
