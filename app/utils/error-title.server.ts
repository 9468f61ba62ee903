// GOV.UK pattern: when a form comes back with errors, the page title starts "Error: ", so screen-reader
// users hear it first. Remix's `meta` never sees action data, so the server-rendered page (JavaScript
// off) gets the prefix here, on the rendered HTML; with JavaScript, ErrorSummary adds it.
import { ERROR_TITLE_PREFIX } from "~/utils/error-title";

/** True when some route's action returned `{ errors }` with at least one message. */
export function hasFormErrors(actionData: Record<string, unknown> | null | undefined) {
  return Object.values(actionData ?? {}).some((d) => {
    const errors = d && typeof d === "object" ? (d as { errors?: unknown }).errors : undefined;
    return Boolean(errors && typeof errors === "object" && Object.keys(errors).length > 0);
  });
}

/**
 * True when the page shows an error summary: a form's errors, or a GET filter's (a loader's
 * `{ errors }` as the timeline's, or a "View as of" date that is not one, `{ asOf: { error } }`).
 */
export function hasPageErrors(actionData: Record<string, unknown> | null | undefined, loaderData: Record<string, unknown> | null | undefined) {
  if (hasFormErrors(actionData)) return true;
  return Object.values(loaderData ?? {}).some((d) => {
    if (!d || typeof d !== "object") return false;
    const { errors, asOf } = d as { errors?: unknown; asOf?: unknown };
    // A field-message object, not a list (an import preview's rows carry lists of problems).
    const fieldErrors = Boolean(errors && typeof errors === "object" && !Array.isArray(errors) && Object.keys(errors).length > 0);
    return fieldErrors || Boolean(asOf && typeof asOf === "object" && (asOf as { error?: unknown }).error);
  });
}

/** The page with the prefix at the start of its first <title> (in the head), unless the title already has it. */
export function prefixTitle(html: Buffer): Buffer {
  const at = html.indexOf("<title>");
  const headEnd = html.indexOf("</head>");
  if (at < 0 || (headEnd >= 0 && at > headEnd)) return html;
  const from = at + "<title>".length;
  // A route whose meta already says "Error: " (the timeline's) is left as it is.
  if (html.subarray(from, from + Buffer.byteLength(ERROR_TITLE_PREFIX)).toString() === ERROR_TITLE_PREFIX) return html;
  return Buffer.concat([html.subarray(0, from), Buffer.from(ERROR_TITLE_PREFIX), html.subarray(from)]);
}
