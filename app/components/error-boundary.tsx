import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

type StatusHandler = (info: { status: number; data: unknown }) => ReactNode;

const defaults: Record<number, StatusHandler> = {
  404: () => (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">
        If you followed a link, you may not have access to this page. <Link className="govuk-link" to="/">Go to your programmes</Link>.
      </p>
    </>
  ),
  403: ({ data }) => (
    <>
      <h1 className="govuk-heading-l">You cannot do that</h1>
      <p className="govuk-body">{typeof data === "string" && data ? data : "You do not have permission to do that."}</p>
    </>
  ),
  429: ({ data }) => (
    <>
      <h1 className="govuk-heading-l">Too many attempts</h1>
      <p className="govuk-body">{typeof data === "string" && data ? data : "Wait a few minutes, then try again."}</p>
    </>
  ),
};

/** The one error boundary: root and every data route use it, with optional per-status handlers. */
export function GeneralErrorBoundary({ statusHandlers }: { statusHandlers?: Record<number, StatusHandler> }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const handler = statusHandlers?.[error.status] ?? defaults[error.status];
    if (handler) return <>{handler({ status: error.status, data: error.data })}</>;
    return (
      <>
        <h1 className="govuk-heading-l">{[400, 411, 413, 415].includes(error.status) ? "There is a problem with the request" : "Sorry, there is a problem"}</h1>
        <p className="govuk-body">{typeof error.data === "string" ? error.data : error.statusText}</p>
      </>
    );
  }
  if (typeof document !== "undefined") console.error(error);
  return (
    <>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later. Nothing you submitted has been lost if you saw no confirmation.</p>
    </>
  );
}
