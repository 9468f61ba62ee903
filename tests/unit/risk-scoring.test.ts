import {
  band,
  currentScore,
  DEFAULT_SETTINGS,
  flagLabel,
  heatMap,
  mapScores,
  riskFlags,
  severity,
  trend,
  trendLabel,
  validateClose,
  validateResponse,
  validateScaleChange,
  validateScores,
  validateSettings,
  type LinkedAction,
  type Scores,
} from "~/modules/risk/scoring";
import { filterRows, parseQuery, sortRows, type RegisterRow } from "~/modules/risk/register-view";

const three = DEFAULT_SETTINGS[3];
const five = DEFAULT_SETTINGS[5];
const scores = (l: number | null, i: number | null, rl: number | null = null, ri: number | null = null): Scores => ({
  inherentLikelihood: l,
  inherentImpact: i,
  residualLikelihood: rl,
  residualImpact: ri,
});

describe("severity and banding", () => {
  it("multiplies likelihood by impact, and is absent until both are scored", () => {
    expect(severity(2, 3)).toBe(6);
    expect(severity(5, 5)).toBe(25);
    expect(severity(2, null)).toBeNull();
  });

  it("bands the reference register's 1-3 scale: 1-2 low, 3-4 medium, 6-9 high", () => {
    expect([1, 2, 3, 4, 6, 9].map((s) => band(s, three))).toEqual(["low", "low", "medium", "medium", "high", "high"]);
    expect(band(null, three)).toBeNull();
  });

  it("bands a 1-5 scale at its own thresholds, edges included", () => {
    expect([6, 7, 12, 13, 25].map((s) => band(s, five))).toEqual(["low", "medium", "medium", "high", "high"]);
  });

  it("counts the residual score once assessed, else the inherent one", () => {
    expect(currentScore(scores(3, 3, 1, 2)).severity).toBe(2);
    expect(currentScore(scores(3, 3)).severity).toBe(9);
  });
});

describe("refusals", () => {
  it("refuses a likelihood or impact outside the register's scale", () => {
    expect(validateScores(scores(4, 2), 3)).toEqual({ inherentLikelihood: expect.stringContaining("from 1 to 3") });
    expect(validateScores(scores(4, 2), 5)).toEqual({});
    expect(validateScores(scores(0, 2), 5)).toHaveProperty("inherentLikelihood");
    expect(validateScores(scores(1, 1, 2, 6), 5)).toEqual({ residualImpact: expect.stringContaining("from 1 to 5") });
  });

  it("asks for the impact when only the likelihood is given", () => {
    expect(validateScores(scores(2, null), 3)).toEqual({ inherentImpact: expect.stringMatching(/as well/) });
  });

  it("refuses a threat response on an opportunity, and the reverse", () => {
    expect(validateResponse("opportunity", "avoid")).toHaveProperty("response");
    expect(validateResponse("opportunity", "exploit")).toEqual({});
    expect(validateResponse("threat", "enhance")).toHaveProperty("response");
    expect(validateResponse("threat", "share")).toEqual({});
    expect(validateResponse("opportunity", "share")).toEqual({});
    expect(validateResponse("threat", null)).toEqual({});
  });

  it("refuses closing without a date or without a note", () => {
    expect(validateClose({ dateClosed: null, closingNote: "Done" })).toEqual({ dateClosed: expect.any(String) });
    expect(validateClose({ dateClosed: "2026-01-01", closingNote: "  " })).toEqual({ closingNote: expect.any(String) });
    expect(validateClose({ dateClosed: "2026-01-01", closingNote: "Mitigated" })).toEqual({});
  });

  it("refuses labels that do not match the scale and thresholds out of order", () => {
    expect(validateSettings({ ...three, likelihoodLabels: ["Low", "High"] })).toHaveProperty("likelihoodLabels");
    expect(validateSettings({ ...three, highFrom: 3 })).toHaveProperty("highFrom");
    expect(validateSettings({ ...three, highFrom: 10 })).toHaveProperty("highFrom");
    expect(validateSettings(five)).toEqual({});
  });
});

describe("scale changes", () => {
  it("are free in an empty register or when the scale stays", () => {
    expect(validateScaleChange({ from: 3, to: 5, riskCount: 0, mapping: null })).toEqual({});
    expect(validateScaleChange({ from: 3, to: 3, riskCount: 4, mapping: null })).toEqual({});
  });

  it("are refused with risks in the register unless every old level is mapped onto the new scale", () => {
    expect(validateScaleChange({ from: 3, to: 5, riskCount: 4, mapping: null })).toHaveProperty("mapping");
    expect(validateScaleChange({ from: 3, to: 5, riskCount: 4, mapping: { 1: 1, 2: 3 } })).toHaveProperty("map3");
    expect(validateScaleChange({ from: 5, to: 3, riskCount: 4, mapping: { 1: 1, 2: 1, 3: 2, 4: 3, 5: 4 } })).toHaveProperty("map5");
    expect(validateScaleChange({ from: 3, to: 5, riskCount: 4, mapping: { 1: 1, 2: 3, 3: 5 } })).toEqual({});
  });

  it("maps every score and leaves unscored ones alone", () => {
    expect(mapScores(scores(2, 3, 1, null), { 1: 1, 2: 3, 3: 5 })).toEqual(scores(3, 5, 1, null));
  });
});

describe("flags as of a date", () => {
  const open = (over: Partial<Scores & { status: string; nextReviewDate: string | null }> = {}) => ({
    ...scores(2, 2, 2, 2),
    status: "open",
    nextReviewDate: "2026-03-10",
    ...over,
  });
  const action = (over: Partial<LinkedAction> = {}): LinkedAction => ({ id: 1, ref: "4.2", title: "Plan", open: true, ...over });

  it("review_due when open and the next review date has passed, not on the day itself", () => {
    expect(riskFlags(open(), three, [], "2026-03-10")).toEqual([]);
    expect(riskFlags(open(), three, [], "2026-03-13")).toEqual([{ kind: "review_due", days: 3 }]);
    expect(riskFlags(open({ nextReviewDate: null }), three, [], "2026-03-13")).toEqual([]);
  });

  it("nothing flags on a closed risk", () => {
    expect(riskFlags(open({ status: "closed", residualLikelihood: 3, residualImpact: 3 }), three, [], "2027-01-01")).toEqual([]);
  });

  it("a high-band risk with no open linked action is flagged; an open action clears it", () => {
    const high = open({ residualLikelihood: 2, residualImpact: 3 });
    expect(riskFlags(high, three, [], "2026-03-01")).toEqual([{ kind: "high_no_action" }]);
    expect(riskFlags(high, three, [action({ open: false })], "2026-03-01")).toEqual([{ kind: "high_no_action" }]);
    expect(riskFlags(high, three, [action()], "2026-03-01")).toEqual([]);
    // The same 2 x 3 is only medium on a 1-5 register.
    expect(riskFlags(high, five, [], "2026-03-01")).toEqual([]);
  });

  it("passes on the action plan's overdue and blocked flags of open linked actions", () => {
    const flags = riskFlags(open(), three, [action({ overdueDays: 12 }), action({ id: 2, ref: "5", blocked: true }), action({ id: 3, ref: "6", open: false, blocked: true })], "2026-03-01");
    expect(flags).toEqual([
      { kind: "action_overdue", actionRef: "4.2", days: 12 },
      { kind: "action_blocked", actionRef: "5" },
    ]);
    expect(flags.map(flagLabel)).toEqual(["Action 4.2 overdue", "Action 5 blocked"]);
  });
});

describe("trend since the last review", () => {
  const h = (reason: string, date: string, rl: number, ri: number) => ({ ...scores(3, 3, rl, ri), reason, effectiveDate: date });

  it("compares now with the scores before the latest review", () => {
    const history = [h("raised", "2026-01-01", 2, 3), h("review", "2026-02-01", 2, 2), h("review", "2026-03-01", 1, 2)];
    const t = trend(history, scores(3, 3, 1, 2));
    expect(t).toEqual({ direction: "falling", from: 4, to: 2, since: "2026-02-01" });
    expect(trendLabel(t)).toBe("Falling from 4 to 2");
  });

  it("compares with the raised scores when never reviewed, and says when there is no history", () => {
    expect(trend([h("raised", "2026-01-01", 1, 2)], scores(3, 3, 2, 3))?.direction).toBe("rising");
    expect(trend([h("raised", "2026-01-01", 1, 2)], scores(3, 3, 1, 2))?.direction).toBe("steady");
    expect(trendLabel(trend([], scores(1, 1)))).toBe("No history yet");
  });
});

describe("heat map", () => {
  const risks = [
    { ref: "1", ...scores(3, 3, 2, 2) },
    { ref: "2", ...scores(3, 3, 2, 2) },
    { ref: "3", ...scores(1, 3, null, null) },
    { ref: "4", ...scores(null, null) },
  ];

  it("puts each scored risk in its likelihood x impact cell, highest likelihood first", () => {
    const { rows, unscored } = heatMap(risks, three, "inherent");
    expect(rows[0]![2]).toMatchObject({ likelihood: 3, impact: 3, severity: 9, band: "high", refs: ["1", "2"] });
    expect(rows[2]![2]!.refs).toEqual(["3"]);
    expect(unscored).toBe(1);
    expect(rows.flat().reduce((n, c) => n + c.refs.length, 0)).toBe(3);
  });

  it("switches to residual scores, and sizes itself to a 1-5 scale", () => {
    const residual = heatMap(risks, three, "residual");
    expect(residual.rows[1]![1]!.refs).toEqual(["1", "2"]);
    expect(residual.unscored).toBe(2);
    const big = heatMap([], five, "residual");
    expect(big.rows).toHaveLength(5);
    expect(big.rows[0]![4]).toMatchObject({ likelihood: 5, impact: 5, band: "high" });
  });
});

describe("the register table's filters and sorting", () => {
  const row = (ref: string, over: Partial<RegisterRow> = {}): RegisterRow => ({
    ref, title: `Risk ${ref}`, category: "", status: "open", ownerPersonId: null, ownerName: null, severity: null, band: null, proximityDate: null, nextReviewDate: null, ...over,
  });
  const rows = [
    row("10", { severity: 6, band: "high", ownerPersonId: 1, ownerName: "Zoe", category: "People", proximityDate: "2026-02-01" }),
    row("2", { severity: 2, band: "low", ownerPersonId: 2, ownerName: "Amir", proximityDate: "2026-09-01" }),
    row("1", { status: "closed", severity: 4, band: "medium" }),
    row("3"),
  ];
  const q = (s: string) => parseQuery(new URLSearchParams(s));

  it("shows open risks unless asked, and filters by band, owner, category and proximity", () => {
    const refs = (s: string) => filterRows(rows, q(s), "2026-01-15").map((r) => r.ref);
    expect(refs("")).toEqual(["10", "2", "3"]);
    expect(refs("status=all")).toEqual(["10", "2", "1", "3"]);
    expect(refs("status=closed")).toEqual(["1"]);
    expect(refs("band=high")).toEqual(["10"]);
    expect(refs("band=none")).toEqual(["3"]);
    expect(refs("owner=2")).toEqual(["2"]);
    expect(refs("owner=none")).toEqual(["3"]);
    expect(refs("category=People")).toEqual(["10"]);
    expect(refs("proximity=soon")).toEqual(["10"]);
    expect(refs("proximity=later")).toEqual(["2"]);
    expect(refs("proximity=none")).toEqual(["3"]);
  });

  it("sorts references as numbers, keeps blanks last either way, and ignores unknown sorts", () => {
    expect(sortRows(rows, "ref", "asc").map((r) => r.ref)).toEqual(["1", "2", "3", "10"]);
    expect(sortRows(rows, "severity", "desc").map((r) => r.ref)).toEqual(["10", "1", "2", "3"]);
    expect(sortRows(rows, "severity", "asc").map((r) => r.ref)).toEqual(["2", "1", "10", "3"]);
    expect(sortRows(rows, "owner", "asc").map((r) => r.ref)).toEqual(["2", "10", "1", "3"]);
    expect(q("sort=drop+table&dir=sideways")).toMatchObject({ sort: "ref", dir: "asc" });
  });
});
