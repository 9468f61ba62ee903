import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/layout";
import { listDecisions } from "~/modules/approval/decision.server";
import { DecisionsRegister } from "~/modules/approval/register";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { DownloadLinks } from "~/modules/sheet/download-links";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Decisions register", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug);
  return json({ decisions: listDecisions({ projectIds: [project.id] }) });
}

export default function ProjectDecisions() {
  const { decisions } = useLoaderData<typeof loader>();
  const { project } = useProject();
  return (
    <>
      <PageTitle caption={project.name}>Decisions register</PageTitle>
      <p className="govuk-body">Every decision on this project's proposals, newest first, with its reasons, the alternatives rejected, conflicts of interest declared and the ballots cast. Decisions are never edited: a later decision supersedes an earlier one.</p>
      {decisions.length > 0 ? <DownloadLinks href={`/projects/${project.slug}/decisions`} search="" what="the decisions register" /> : null}
      <DecisionsRegister decisions={decisions} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
