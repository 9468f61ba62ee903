// Plain, accessible email: one heading, short paragraphs, at most one link written out in full in
// the text part. Inline styles only (many mail clients drop <style>); nothing relies on colour.

export interface EmailContent {
  heading: string;
  paragraphs: string[];
  link?: { href: string; text: string };
  footer?: string;
}

export function escapeHtml(value: string) {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Only http(s) and mailto links go into an email; anything else would be a trap for the reader. */
function safeHref(href: string) {
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : "#";
}

export const FONT = "font-family: Arial, Helvetica, sans-serif; color: #0b0c0c;";

/** The HTML document every Waymark email shares: our name, one heading, then the body given. */
export function emailDocument(heading: string, body: string) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
</head>
<body style="margin: 0; padding: 0; background: #ffffff;">
<div role="article" aria-label="${escapeHtml(heading)}" style="max-width: 600px; margin: 0 auto; padding: 20px;">
<p style="${FONT} font-size: 16px; font-weight: bold; margin: 0 0 20px; padding-bottom: 10px; border-bottom: 4px solid #1d70b8;">Waymark</p>
<h1 style="${FONT} font-size: 28px; line-height: 1.2; margin: 0 0 20px;">${escapeHtml(heading)}</h1>
${body}
</div>
</body>
</html>
`;
}

/** Renders an email's text and HTML parts from the same content, every piece of it escaped. */
export function renderEmail({ heading, paragraphs, link, footer }: EmailContent): { text: string; html: string } {
  const textParts = [heading, "=".repeat(Math.min(heading.length, 70)), "", ...paragraphs.flatMap((p) => [p, ""])];
  if (link) textParts.push(`${link.text}:`, link.href, "");
  if (footer) textParts.push("--", footer, "");
  const text = textParts.join("\n").trimEnd() + "\n";

  const para = (p: string) =>
    `<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`;
  const href = link ? escapeHtml(safeHref(link.href)) : "";
  const html = emailDocument(
    heading,
    `${paragraphs.map(para).join("\n")}
${
  link
    ? `<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;"><a href="${href}" style="color: #1d70b8; text-decoration: underline;">${escapeHtml(link.text)}</a></p>
<p style="${FONT} font-size: 16px; line-height: 1.4; margin: 0 0 20px;">If the link does not work, copy this address into your browser: <span style="word-break: break-all;">${escapeHtml(link.href)}</span></p>`
    : ""
}
${footer ? `<hr style="border: 0; border-top: 1px solid #b1b4b6; margin: 30px 0 15px;">\n<p style="${FONT} font-size: 16px; line-height: 1.4; margin: 0;">${escapeHtml(footer).replace(/\n/g, "<br>")}</p>` : ""}`,
  );
  return { text, html };
}
