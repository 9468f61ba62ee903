// Where sign-in may send a person afterwards: a path on this site, never another origin.
// Browsers strip tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" or
// "/\evil.example" become "//evil.example" (another host) in their hands: such values are refused
// outright, as are their percent-encoded forms, rather than cleaned.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\\]/;

function looksUnsafe(value: string) {
  return UNSAFE.test(value) || !value.startsWith("/") || value.startsWith("//");
}

/**
 * The same-origin path (with query and fragment) that `to` names, resolved against `appUrl`;
 * `fallback` for anything else: other origins, scheme-relative forms, control characters,
 * backslashes, or text that is not a path at all.
 */
export function safeRedirectPath(to: unknown, appUrl: string, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return fallback;
  }
  if (looksUnsafe(to) || looksUnsafe(decoded)) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(appUrl);
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return looksUnsafe(path) ? fallback : path;
}
