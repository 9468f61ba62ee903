import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { newPageDefaults, newReportAction, reportPlace } from "~/modules/report/pages.server";
import { NewReport } from "~/modules/report/pages";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("New report", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(newPageDefaults(await reportPlace(request, params, "programme", "manage"), request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return newReportAction(request, await reportPlace(request, params, "programme", "manage"));
}

export default function NewReportPage() {
  return <NewReport data={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
