import { escapeHtml, flaggedRowsHtml, initialsKeyHtml, planRowsHtml, type PlanRowView } from "~/components/plan-rows-html";

const row = (over: Partial<PlanRowView> = {}): PlanRowView => ({
  id: 7,
  ref: "1.2",
  title: "Agree the plan",
  expectedOutcomes: "A plan",
  deadlineText: "",
  dueDate: "2026-12-07",
  status: "in_progress",
  percentComplete: 40,
  owners: [],
  recommendationRefs: [],
  latestNote: null,
  flags: [],
  ...over,
});

describe("plan rows as HTML (the markup React rendered for ActionPlanTable's rows)", () => {
  it("writes one row: reference as row header, linked title, due date, status with percentage, hints for what is missing", () => {
    expect(planRowsHtml([row()], "/projects/p")).toBe(
      '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">1.2</th>' +
        '<td class="govuk-table__cell"><a class="govuk-link" href="/projects/p/actions/7">Agree the plan</a></td>' +
        '<td class="govuk-table__cell">A plan</td>' +
        '<td class="govuk-table__cell"><strong class="govuk-!-display-block">Due 7 Dec 2026</strong></td>' +
        '<td class="govuk-table__cell"><span class="govuk-body-s">No owner</span></td>' +
        '<td class="govuk-table__cell">In progress<span class="govuk-!-display-block">40% complete</span></td>' +
        '<td class="govuk-table__cell"><span class="govuk-visually-hidden">No progress notes</span></td>' +
        '<td class="govuk-table__cell"><span class="govuk-hint govuk-!-font-size-16">None</span></td></tr>',
    );
  });

  it("escapes every text and attribute value as React does", () => {
    const html = planRowsHtml(
      [row({ ref: "<1>", title: `<script>alert("x")</script> & 'y'`, owners: [{ key: "p1", kind: "person", short: "A&B", name: `"Al" <al>` }] })],
      "/projects/p",
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;");
    expect(html).toContain('<abbr title="&quot;Al&quot; &lt;al&gt;" aria-hidden="true">A&amp;B</abbr><span class="govuk-visually-hidden">&quot;Al&quot; &lt;al&gt;</span>');
    expect(escapeHtml("plain")).toBe("plain");
    // Called many times in a row, every call escapes (no regex state carried between calls).
    expect(["<a>", "<b>", "&", "<c>"].map((t) => escapeHtml(t))).toEqual(["&lt;a&gt;", "&lt;b&gt;", "&amp;", "&lt;c&gt;"]);
  });

  it("writes outcomes one a line as a list, a single outcome as text, and none as hidden text", () => {
    expect(planRowsHtml([row({ expectedOutcomes: "Savings agreed\n\n Staff <consulted> " })], "/p")).toContain(
      '<ul class="govuk-list govuk-list--bullet govuk-!-font-size-16 govuk-!-margin-bottom-0"><li>Savings agreed</li><li>Staff &lt;consulted&gt;</li></ul>',
    );
    expect(planRowsHtml([row({ expectedOutcomes: "" })], "/p")).toContain('<span class="govuk-visually-hidden">None written</span>');
  });

  it("names owners (initials with the full name for screen readers; teams by name), recommendations, notes and flags with their reasons", () => {
    const html = planRowsHtml(
      [
        row({
          status: "done",
          dueDate: null,
          deadlineText: "By the spring board",
          owners: [
            { key: "p1", kind: "person", short: "AB", name: "Ann Bell" },
            { key: "t2", kind: "team", short: "Finance", name: "Finance" },
          ],
          recommendationRefs: ["R1", "R3"],
          latestNote: { date: "2026-11-02", text: "Done and checked" },
          flags: [
            { kind: "overdue", tag: "Overdue 3 days", text: "Overdue: due 3 days ago" },
            { kind: "blocked", tag: "Blocked", text: "Blocked by 4.2, which is 12 days overdue" },
          ],
        }),
      ],
      "/projects/p",
    );
    expect(html).toContain('<span><abbr title="Ann Bell" aria-hidden="true">AB</abbr><span class="govuk-visually-hidden">Ann Bell</span></span><span>, Finance</span>');
    expect(html).toContain('Answers R1, R3</span>');
    expect(html).toContain('<span class="govuk-!-display-block">No due date</span><span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-top-1 govuk-!-margin-bottom-0">Written: By the spring board</span>');
    expect(html).toContain('<td class="govuk-table__cell">Done</td>');
    expect(html).toContain('<strong class="govuk-!-display-block">2 Nov 2026</strong>Done and checked');
    // An overdue flag's tag says it all; a blocked flag shows its chain below the tag.
    expect(html).toContain('<li class="govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--red">Overdue 3 days</strong></li>');
    expect(html).toContain('Blocked</strong><span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">Blocked by 4.2, which is 12 days overdue</span></li></ul>');
  });
});

describe("What needs attention rows as HTML", () => {
  it("links an action by reference and title, a milestone to its project's milestones, and explains flags whose tag does not say why", () => {
    const html = flaggedRowsHtml([
      { kind: "action", id: 3, ref: "2.1", label: "Fix <it>", date: "2026-12-01", project: { slug: "p", name: "P & Q" }, flags: [{ kind: "stale", tag: "Stale 40 days", text: "Stale: no progress note for 40 days" }] },
      { kind: "milestone", id: 9, ref: null, label: "Go live", date: null, project: { slug: "p", name: "P" }, flags: [{ kind: "overdue", tag: "Overdue 1 day", text: "Overdue" }] },
    ]);
    expect(html).toBe(
      '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="/projects/p/actions/3">2.1 Fix &lt;it&gt;</a></td>' +
        '<td class="govuk-table__cell">P &amp; Q</td><td class="govuk-table__cell">1 Dec 2026</td>' +
        '<td class="govuk-table__cell"><ul class="govuk-list waymark-flag-list govuk-!-margin-bottom-0"><li class="govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--grey">Stale 40 days</strong>' +
        '<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">Stale: no progress note for 40 days</span></li></ul></td></tr>' +
        '<tr class="govuk-table__row"><td class="govuk-table__cell"><span class="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">Milestone</span>' +
        '<a class="govuk-link" href="/projects/p/milestones">Go live</a></td><td class="govuk-table__cell">P</td><td class="govuk-table__cell">No date</td>' +
        '<td class="govuk-table__cell"><ul class="govuk-list waymark-flag-list govuk-!-margin-bottom-0"><li class="govuk-!-margin-bottom-1"><strong class="govuk-tag govuk-tag--red">Overdue 1 day</strong></li></ul></td></tr>',
    );
  });
});

describe("the owners' initials key as HTML", () => {
  it("writes the markup React wrote for each person, initials then full name, escaped", async () => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const people: Array<[string, string]> = [
      ["AB", "Ann Brown"],
      ["O'C", 'Orla "Ollie" O\'Connor & <co>'],
    ];
    const byReact = renderToStaticMarkup(
      createElement(
        "dl",
        null,
        people.map(([short, name]) =>
          createElement("div", { className: "govuk-summary-list__row", key: short }, createElement("dt", { className: "govuk-summary-list__key" }, short), createElement("dd", { className: "govuk-summary-list__value" }, name)),
        ),
      ),
    );
    expect(`<dl>${initialsKeyHtml(people)}</dl>`).toBe(byReact);
    expect(initialsKeyHtml([])).toBe("");
  });
});
