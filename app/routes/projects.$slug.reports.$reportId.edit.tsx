import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { editAction, editPage, reportPlace } from "~/modules/report/pages.server";
import { EditReport } from "~/modules/report/pages";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Edit report", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(editPage(request, await reportPlace(request, params, "project", "manage"), params.reportId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return editAction(request, await reportPlace(request, params, "project", "manage"), params.reportId);
}

export default function EditReportPage() {
  return <EditReport data={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
