// One report from a programme's public index, exactly as published (its frozen snapshot).
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { publicIndexReport } from "~/modules/report/public.server";
import { PublicIndexReport } from "~/modules/report/ui-public";

const LINK_HEADERS = { "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => LINK_HEADERS;
export const handle = { hydrate: false, bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.content.title} – Waymark` : "Report – Waymark" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await publicIndexReport(request, params.token, params.reportId), { headers: LINK_HEADERS });
}

export default function PublishedIndexReport() {
  return <PublicIndexReport data={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
