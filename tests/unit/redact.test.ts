import { describe, expect, it } from "vitest";
import { redactFlag, seesOf } from "~/modules/action/redact";
import { evaluateFlags, flagLabel, HIDDEN_ITEM, type RuleAction, type RuleDependency, type RuleMilestone } from "~/modules/action/rules";

const D = "2026-03-20";
const action = (v: Partial<RuleAction> & { id: number; projectId: number; ref: string }): RuleAction => ({
  title: `Action ${v.ref}`,
  status: "not_started",
  blockedReason: null,
  plannedStart: null,
  dueDate: null,
  baselineDueDate: null,
  completedDate: null,
  createdDate: "2026-01-01",
  ownerCount: 1,
  lastNoteDate: null,
  dueDateMoves: 0,
  ...v,
});
const dep = (p: number, s: number, kind: "action" | "milestone" = "action"): RuleDependency => ({
  predecessor: { kind: "action", id: p },
  successor: { kind, id: s },
  lagDays: 0,
});

// Project 1 is the reader's; project 2 is not theirs. 2.1 (overdue, "Secret") blocks 1.1 directly;
// a chain 1.3 <- 2.2 <- 2.3 <- 1.2 (overdue) crosses project 2 in the middle.
const actions = [
  action({ id: 1, projectId: 1, ref: "1.1", plannedStart: "2026-03-01" }),
  action({ id: 2, projectId: 2, ref: "2.1", title: "Secret", dueDate: "2026-03-08", status: "blocked", blockedReason: "legal advice" }),
  action({ id: 3, projectId: 1, ref: "1.2", dueDate: "2026-03-10" }),
  action({ id: 4, projectId: 2, ref: "2.2" }),
  action({ id: 5, projectId: 2, ref: "2.3" }),
  action({ id: 6, projectId: 1, ref: "1.3" }),
];
const milestones: RuleMilestone[] = [{ id: 1, projectId: 1, name: "Go live", targetDate: "2026-06-01", achievedDate: null }];
const result = evaluateFlags({
  asOf: D,
  actions,
  milestones,
  dependencies: [dep(2, 1), dep(3, 5), dep(5, 4), dep(4, 6), dep(2, 1, "milestone")],
});
const blockedText = (id: number, sees: Set<number>) => {
  const f = result.actions.get(id)!.find((x) => x.kind === "blocked")!;
  return flagLabel(redactFlag(f, seesOf(sees)));
};

describe("redacting flags for a reader", () => {
  it("names an item of a project the reader may not see as 'an item in another project', with no reason, status or date", () => {
    expect(blockedText(1, new Set([1, 2]))).toBe("Blocked by 2.1, which is 12 days overdue and is blocked (legal advice)");
    const text = blockedText(1, new Set([1]));
    expect(text).toBe(`Blocked by ${HIDDEN_ITEM}`);
    expect(text).not.toMatch(/2\.1|Secret|legal|overdue|12/);
  });

  it("keeps the reader's own items in a chain and folds hidden hops into one", () => {
    expect(blockedText(6, new Set([1, 2]))).toBe("Blocked by 2.2, which is blocked by 2.3, which is blocked by 1.2, which is 10 days overdue");
    expect(blockedText(6, new Set([1]))).toBe(`Blocked by ${HIDDEN_ITEM}, which is blocked by 1.2, which is 10 days overdue`);
  });

  it("redacts a milestone's at-risk causes and leaves the flag itself (computed on the whole truth)", () => {
    const atRisk = result.milestones.get(1)!.find((f) => f.kind === "at_risk")!;
    expect(flagLabel(atRisk)).toBe("At risk: 2.1 is 12 days overdue and is blocked (legal advice)");
    expect(flagLabel(redactFlag(atRisk, seesOf(new Set([1]))))).toBe(`At risk: ${HIDDEN_ITEM}`);
  });

  it("leaves the structured causes free of the hidden item's id, ref and title (the CLI's JSON carries them)", () => {
    const f = result.actions.get(1)!.find((x) => x.kind === "blocked")!;
    const json = JSON.stringify(redactFlag(f, seesOf(new Set([1]))));
    expect(json).not.toMatch(/2\.1|Secret|legal|"id":2/);
  });
});
