// The digest email: one heading, a short list of the person's flagged actions (and, under
// sub-headings, measurements due of benefits they own and overdue reports of projects they manage),
// each with its link written out in the text part. Same plain, accessible look as ~/modules/mail/templates
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

export interface DigestBenefit {
  benefitId: number;
  projectId: number;
  name: string;
  projectName: string;
  /** "Measurement due: Dunmore nothing recorded for 40 days". */
  text: string;
  url: string;
}

export interface DigestReport {
  projectId: number;
  projectName: string;
  /** "Report overdue: the highlight report for March 2026 was due 2026-04-05 (3 days ago)". */
  text: string;
  url: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 flagged actions, 1 measurement due and 1 report overdue". */
function whatIsDue(actions: number, benefits: number, reports: number) {
  const parts = [
    actions ? plural(actions, "flagged action", "flagged actions") : "",
    benefits ? plural(benefits, "measurement due", "measurements due") : "",
    reports ? plural(reports, "report overdue", "reports overdue") : "",
  ].filter(Boolean);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
}

interface Section {
  heading: string;
  lines: Array<{ link: string; url: string; after: string; detail: string }>;
}

export function renderDigestEmail({
  name,
  asOf,
  items,
  benefits = [],
  reports = [],
  appUrl,
}: {
  name: string;
  asOf: string;
  items: DigestItem[];
  benefits?: DigestBenefit[];
  reports?: DigestReport[];
  appUrl: string;
}) {
  const n = items.length;
  const onlyActions = benefits.length === 0 && reports.length === 0;
  const subject = `Waymark: ${whatIsDue(n, benefits.length, reports.length)} for ${longDate(asOf)}`;
  const heading = onlyActions ? `Your flagged actions, ${longDate(asOf)}` : `What needs your attention, ${longDate(asOf)}`;
  const intro = onlyActions
    ? `${name}, ${n === 1 ? "this action you own needs" : `these ${n} actions you own need`} attention.`
    : `${name}, ${plural(n + benefits.length + reports.length, "thing needs", "things need")} your attention.`;
  const myActions = `${appUrl}/my-actions`;
  const footer = onlyActions
    ? "You get this email because you own these actions in Waymark, by name or through a team. It only comes on days when something you own is flagged."
    : "You get this email because you own these actions or benefits in Waymark, or manage these projects. It only comes on days when something of yours needs attention.";

  const sections: Section[] = [
    {
      heading: "Actions you own",
      lines: items.map((i) => ({ link: `${i.ref} ${i.title}`, url: i.url, after: ` (${i.projectName})`, detail: flagWords(i) })),
    },
    {
      heading: "Benefit measurements due",
      lines: benefits.map((b) => ({ link: b.name, url: b.url, after: ` (${b.projectName})`, detail: b.text })),
    },
    {
      heading: "Progress reports overdue",
      lines: reports.map((r) => ({ link: `${r.projectName} reports`, url: r.url, after: "", detail: r.text })),
    },
  ].filter((x) => x.lines.length > 0);
  // With only actions the email reads as it always has: one list, no sub-headings.
  const titled = !onlyActions;

  const text = [
    heading,
    "=".repeat(Math.min(heading.length, 70)),
    "",
    intro,
    "",
    ...sections.flatMap((sec) => [
      ...(titled ? [sec.heading, "-".repeat(sec.heading.length), ""] : []),
      ...sec.lines.flatMap((l) => [`* ${l.link}${l.after}`, `  ${l.detail}`, `  ${l.url}`, ""]),
    ]),
    ...(n > 0 ? ["All your actions:", myActions, ""] : []),
    "--",
    footer,
    "",
  ].join("\n");

  const li = (l: Section["lines"][number]) =>
    `<li style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 15px;"><a href="${escapeHtml(
      l.url
    )}" style="color: #1d70b8; text-decoration: underline;">${escapeHtml(l.link)}</a>${escapeHtml(l.after)}<br><strong>${escapeHtml(l.detail)}</strong></li>`;
  const html = emailDocument(
    heading,
    `<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;">${escapeHtml(intro)}</p>
${sections
  .map(
    (sec) => `${titled ? `<h2 style="${FONT} font-size: 24px; line-height: 1.25; margin: 30px 0 15px;">${escapeHtml(sec.heading)}</h2>\n` : ""}<ul style="padding-left: 20px; margin: 0 0 20px;">
${sec.lines.map(li).join("\n")}
</ul>`
  )
  .join("\n")}
${
  n > 0
    ? `<p style="${FONT} font-size: 19px; line-height: 1.4; margin: 0 0 20px;"><a href="${escapeHtml(
        myActions
      )}" style="color: #1d70b8; text-decoration: underline;">See all your actions</a></p>`
    : ""
}
<hr style="border: 0; border-top: 1px solid #b1b4b6; margin: 30px 0 15px;">
<p style="${FONT} font-size: 16px; line-height: 1.4; margin: 0;">${escapeHtml(footer)}</p>`,
  );
  return { subject, text, html };
}
