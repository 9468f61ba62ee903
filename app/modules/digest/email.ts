// The digest email: one heading, one short list of the person's flagged actions, each with its
// link written out in the text part. Same plain, accessible look as ~/modules/mail/templates
// (inline styles, nothing relies on colour), but with a link per action, which that one-link
// template cannot carry.
import { emailDocument, escapeHtml, FONT } from "~/modules/mail/templates";

export interface DigestItem {
  actionId: number;
  ref: string;
  title: string;
  dueDate: string | null;
  projectName: string;
  flags: Array<{ kind: string; tag: string; text: string }>;
  url: string;
}

export function longDate(iso: string) {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** What each flag says, in words: the tag, plus the reason where there is more to say (blocked, stale...). */
function flagWords(item: DigestItem) {
  return item.flags.map((f) => (f.kind === "blocked" || f.kind === "stale" || f.kind === "slipped" ? f.text : f.tag)).join("; ");
}

export function renderDigestEmail({ name, asOf, items, appUrl }: { name: string; asOf: string; items: DigestItem[]; appUrl: string }) {
  const n = items.length;
  const subject = `Waymark: ${n} flagged ${n === 1 ? "action" : "actions"} for ${longDate(asOf)}`;
  const heading = `Your flagged actions, ${longDate(asOf)}`;
  const intro = `${name}, ${n === 1 ? "this action you own needs" : `these ${n} actions you own need`} attention.`;
  const myActions = `${appUrl}/my-actions`;
  const footer =
    "You get this email because you own these actions in Waymark, by name or through a team. It only comes on days when something you own is flagged.";

  const text = [
    heading,
    "=".repeat(Math.min(heading.length, 70)),
    "",
    intro,
    "",
    ...items.flatMap((i) => [`* ${i.ref} ${i.title} (${i.projectName})`, `  ${flagWords(i)}`, `  ${i.url}`, ""]),
    "All your actions:",
    myActions,
    "",
    "--",
    footer,
    "",
  ].join("\n");

  const li = (i: DigestItem) =>
    `<li style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 15px;"><a href="${escapeHtml(
      i.url
    )}" style="color: #1d70b8; text-decoration: underline;">${escapeHtml(`${i.ref} ${i.title}`)}</a> (${escapeHtml(
      i.projectName
    )})<br><strong>${escapeHtml(flagWords(i))}</strong></li>`;
  const html = emailDocument(
    heading,
    `<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;">${escapeHtml(intro)}</p>
<ul style="padding-left: 20px; margin: 0 0 20px;">
${items.map(li).join("\n")}
</ul>
<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;"><a href="${escapeHtml(
    myActions
  )}" style="color: #1d70b8; text-decoration: underline;">See all your actions</a></p>
<hr style="border: 0; border-top: 1px solid #b1b4b6; margin: 30px 0 15px;">
<p style="${FONT} font-size: 16px; line-height: 1.4; margin: 0;">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}
