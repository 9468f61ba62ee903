// GOV.UK pattern: when a form comes back with errors, the page title starts "Error: ", so screen-reader
// users hear it first. Remix's `meta` never sees action data, so the server-rendered page (JavaScript
// off) gets the prefix here, as the HTML streams out; with JavaScript, ErrorSummary adds it.
import { Transform } from "node:stream";
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

/** Passes the HTML through, putting the prefix at the start of the first <title> (bytes, so no character is split). */
export function prefixTitleStream() {
  const open = Buffer.from("<title>");
  let pending = Buffer.alloc(0);
  let done = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk);
      pending = Buffer.concat([pending, chunk]);
      const at = pending.indexOf(open);
      const headDone = pending.indexOf("</head>") >= 0;
      if (at < 0 && !headDone) return callback();
      // Enough of the title to see whether it already starts with the prefix.
      if (at >= 0 && pending.length < at + open.length + ERROR_TITLE_PREFIX.length && !headDone) return callback();
      done = true;
      // A route whose meta already says "Error: " (the timeline's) is left as it is.
      const already = at >= 0 && pending.subarray(at + open.length, at + open.length + ERROR_TITLE_PREFIX.length).toString() === ERROR_TITLE_PREFIX;
      const out = at < 0 || already ? pending : Buffer.concat([pending.subarray(0, at + open.length), Buffer.from(ERROR_TITLE_PREFIX), pending.subarray(at + open.length)]);
      pending = Buffer.alloc(0);
      callback(null, out);
    },
    flush(callback) {
      callback(null, pending.length ? pending : undefined);
    },
  });
}
