// The rows of an action plan table as one HTML string: the same markup React rendered from
// ActionPlanTable's row components (same elements, classes, headers and hidden text), built by
// string concatenation because React's server rendering of 100-1,000 dense rows was the largest
// single cost of a plan page (docs/decisions/0020-rows-as-html-and-one-scope-per-request.md). Plain TypeScript, so the
// browser builds the same string when it renders a plan after a client-side navigation.
import { FLAG_COLOURS, shortDate as formatDate, STATUS_NAMES, type FlagKind, type StatusKey } from "~/modules/action/plan-view";

export interface PlanRowView {
  id: number;
  ref: string;
  title: string;
  expectedOutcomes: string;
  deadlineText: string;
  dueDate: string | null;
  status: StatusKey;
  percentComplete: number;
  owners: Array<{ key: string; kind: "person" | "team"; short: string; name: string }>;
  recommendationRefs: string[];
  latestNote: { date: string; text: string } | null;
  flags: Array<{ kind: FlagKind; tag: string; text: string }>;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const SPECIAL = /[&<>"']/g;
const HAS_SPECIAL = /[&<>"']/; // not global: .test() keeps no state between calls

/** Text or an attribute value as React escapes it. */
export function escapeHtml(value: string | number): string {
  const text = String(value);
  return HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (c) => ESCAPES[c]!) : text;
}

const HINT = '<span class="govuk-hint govuk-!-font-size-16">';
const BLOCK = '<span class="govuk-!-display-block">';
const CELL = '<td class="govuk-table__cell">';
// Flags whose reason (the blocking chain) is shown under the tag, in a plan.
const DETAILED = new Set<FlagKind>(["blocked", "at_risk", "schedule_conflict"]);
// On "What needs attention", also the flags whose tag alone does not say why.
const EXPLAINED = new Set<FlagKind>(["blocked", "at_risk", "schedule_conflict", "stale", "slipped", "unowned"]);

function owners(list: PlanRowView["owners"]) {
  if (list.length === 0) return '<span class="govuk-body-s">No owner</span>';
  let html = "";
  for (let i = 0; i < list.length; i++) {
    const o = list[i]!;
    html += "<span>";
    if (i > 0) html += ", ";
    const name = escapeHtml(o.name);
    html +=
      o.kind === "person" && o.short !== o.name
        ? `<abbr title="${name}" aria-hidden="true">${escapeHtml(o.short)}</abbr><span class="govuk-visually-hidden">${name}</span>`
        : name;
    html += "</span>";
  }
  return html;
}

/** Expected outcomes one a line, as a list; nothing shown when none are written (not "None written" on every row). */
function outcomes(text: string) {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return '<span class="govuk-visually-hidden">None written</span>';
  if (lines.length === 1) return escapeHtml(lines[0]!);
  return `<ul class="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`;
}

function flags(list: PlanRowView["flags"], explained = DETAILED) {
  if (list.length === 0) return `${HINT}None</span>`;
  return flagList(list, explained);
}

function flagList(list: PlanRowView["flags"], explained: ReadonlySet<FlagKind>) {
  let html = '<ul class="govuk-list waymark-flag-list govuk-!-margin-bottom-0">';
  for (const f of list) {
    html += `<li class="govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--${FLAG_COLOURS[f.kind]}">${escapeHtml(f.tag)}</strong>`;
    if (explained.has(f.kind)) html += `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">${escapeHtml(f.text)}</span>`;
    html += "</li>";
  }
  return `${html}</ul>`;
}

/** One `<tr>` per row: reference (the row header), action, outcomes, deadline, owners, status, latest progress, flags. */
export function planRowsHtml(rows: PlanRowView[], base: string): string {
  const actionsBase = `${escapeHtml(base)}/actions/`;
  let html = "";
  for (const r of rows) {
    html += `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${escapeHtml(r.ref)}</th>`;
    html += `${CELL}<a class="govuk-link" href="${actionsBase}${r.id}">${escapeHtml(r.title)}</a>`;
    if (r.recommendationRefs.length) {
      html += `<span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Answers ${escapeHtml(r.recommendationRefs.join(", "))}</span>`;
    }
    html += `</td>${CELL}${outcomes(r.expectedOutcomes)}</td>${CELL}`;
    // The date the flags use first, the deadline as the plan wrote it set apart below it.
    html += r.dueDate ? `<strong class="govuk-!-display-block">Due ${formatDate(r.dueDate)}</strong>` : `${BLOCK}No due date</span>`;
    if (r.deadlineText) html += `<span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-top-1 govuk-!-margin-bottom-0">Written: ${escapeHtml(r.deadlineText)}</span>`;
    html += `</td>${CELL}${owners(r.owners)}</td>${CELL}${STATUS_NAMES[r.status]}`;
    if (r.status === "in_progress" || r.status === "blocked") html += `${BLOCK}${r.percentComplete}% complete</span>`;
    html += `</td>${CELL}`;
    html += r.latestNote
      ? `<strong class="govuk-!-display-block">${formatDate(r.latestNote.date)}</strong>${escapeHtml(r.latestNote.text)}`
      : '<span class="govuk-visually-hidden">No progress notes</span>';
    html += `</td>${CELL}${flags(r.flags)}</td></tr>`;
  }
  return html;
}

export interface FlaggedRowView {
  kind: "action" | "milestone";
  id: number;
  label: string;
  ref: string | null;
  date: string | null;
  project: { slug: string; name: string };
  flags: PlanRowView["flags"];
}

/** The rows of "What needs attention": item (linked), project, due or target date, every flag. */
export function flaggedRowsHtml(items: FlaggedRowView[]): string {
  let html = "";
  for (const item of items) {
    const project = `/projects/${escapeHtml(item.project.slug)}`;
    html += `<tr class="govuk-table__row">${CELL}`;
    html +=
      item.kind === "action"
        ? `<a class="govuk-link" href="${project}/actions/${item.id}">${escapeHtml(item.ref ?? "")} ${escapeHtml(item.label)}</a>`
        : `<span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Milestone</span><a class="govuk-link" href="${project}/milestones">${escapeHtml(item.label)}</a>`;
    html += `</td>${CELL}${escapeHtml(item.project.name)}</td>${CELL}${formatDate(item.date, "No date")}</td>${CELL}${flagList(item.flags, EXPLAINED)}</td></tr>`;
  }
  return html;
}

/** The rows of the owners' initials key: each person's initials and full name, in the order given. */
export function initialsKeyHtml(people: Array<[short: string, name: string]>): string {
  let html = "";
  for (const [short, name] of people)
    html += `<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${escapeHtml(short)}</dt><dd class="govuk-summary-list__value">${escapeHtml(name)}</dd></div>`;
  return html;
}
