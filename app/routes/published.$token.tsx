// A published report read without an account: the link's token is the credential (decision 0016).
// Read-only, not indexed, no scripts, and no way into the rest of the app from here.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { formatDateTime } from "~/components/layout";
import { publicReport } from "~/modules/report/public.server";
import { ReportDocument } from "~/modules/report/ui";

const LINK_HEADERS = { "X-Robots-Tag": "noindex, nofollow" };
export const headers: HeadersFunction = () => LINK_HEADERS;
export const handle = { hydrate: false, bare: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.content.title} – Waymark` : "Report – Waymark" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(await publicReport(request, params.token, new URL(request.url).searchParams.get("version")), { headers: LINK_HEADERS });
}

export default function PublishedReport() {
  const { content, versions, version, current, token, comparison } = useLoaderData<typeof loader>();
  const link = (v: number | null) => `/published/${token}${v ? `?version=${v}` : ""}`;
  return (
    <>
      <h1 className="govuk-heading-l">{content.title}</h1>
      {version !== current ? (
        <div className="govuk-inset-text">
          This is version {version}, which has been corrected. <a className="govuk-link" href={link(null)}>Read the current version ({current})</a>.
        </div>
      ) : null}
      <ul className="govuk-list waymark-no-print">
        <li>
          <a className="govuk-link" href={`/published/${token}.pdf${version !== current ? `?version=${version}` : ""}`} download>
            Download as PDF
          </a>
        </li>
        {content.kind === "committee" ? (
          <li>
            <a className="govuk-link" href={`/published/${token}.docx${version !== current ? `?version=${version}` : ""}`} download>
              Download as Word document
            </a>
          </li>
        ) : null}
      </ul>
      <ReportDocument content={content} comparison={comparison} />
      {versions.length > 1 ? (
        <section className="waymark-no-print" aria-labelledby="versions">
          <h2 className="govuk-heading-m" id="versions">Versions</h2>
          <ul className="govuk-list">
            {versions.map((v) => (
              <li key={v.version}>
                {v.version === version ? <strong>Version {v.version} (shown)</strong> : <a className="govuk-link" href={link(v.version === current ? null : v.version)}>Version {v.version}</a>}
                {v.publishedAt ? `, published ${formatDateTime(v.publishedAt)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
