import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { listDecisions } from "~/modules/approval/decision.server";
import { DecisionsRegister } from "~/modules/approval/register";
import { requireProgrammeAccess, visibleProjects } from "~/modules/auth/access.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Programme decisions register", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme, user } = await requireProgrammeAccess(request, params.slug);
  // Only the decisions of projects this person may see.
  const projectIds = visibleProjects(user, programme.id).map((p) => p.id);
  return json({ programme: { slug: programme.slug, name: programme.name }, decisions: listDecisions({ projectIds }) });
}

export default function ProgrammeDecisions() {
  const { programme, decisions } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: `/programmes/${programme.slug}`, label: programme.name }]} />
      <PageTitle caption={programme.name}>Decisions register</PageTitle>
      <p className="govuk-body">Every decision recorded on the programme's projects that you can see, newest first.</p>
      <DecisionsRegister decisions={decisions} showProject />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
