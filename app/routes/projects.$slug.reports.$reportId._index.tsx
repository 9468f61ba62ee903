import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { reportAction, reportPage, reportPlace } from "~/modules/report/pages.server";
import { ReportPage } from "~/modules/report/pages";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data?.content.title ?? "Report", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const data = reportPage(request, await reportPlace(request, params, "project"), params.reportId);
  return json({ ...data, origin: new URL(request.url).origin });
}

export async function action({ request, params }: ActionFunctionArgs) {
  return reportAction(request, await reportPlace(request, params, "project", "manage"), params.reportId);
}

export default function Report() {
  const data = useLoaderData<typeof loader>();
  return <ReportPage data={data} origin={data.origin} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
