// A programme's public index of its published reports, read without an account (decision 0022):
// the link's token is the credential. Read-only, not indexed, no scripts, no way into the app.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { publicIndex } from "~/modules/report/public.server";
import { PublicIndex } from "~/modules/report/ui-public";

const LINK_HEADERS = { "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer" };
export const headers: HeadersFunction = () => LINK_HEADERS;
export const handle = { hydrate: false, bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.programme}: published reports – Waymark` : "Published reports – Waymark" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await publicIndex(request, params.token), { headers: LINK_HEADERS });
}

export default function PublishedIndex() {
  return <PublicIndex data={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
