import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { indexLinkAction, listPage, reportPlace } from "~/modules/report/pages.server";
import { ReportList } from "~/modules/report/pages";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Reports", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(listPage(await reportPlace(request, params, "programme"), request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return indexLinkAction(request, await reportPlace(request, params, "programme", "manage"));
}

export default function Reports() {
  return <ReportList data={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
