import { criticalPath, edgeKey, type CpmDependency, type CpmItem, type ItemKey } from "~/modules/schedule/critical-path";
import { dayNumber } from "~/utils/dates";

const d = (iso: string) => dayNumber(iso);
/** An action planned from start to due (inclusive dates), as the service builds it. */
const act = (key: ItemKey, start: string, due: string, extra: Partial<CpmItem> = {}): CpmItem => ({ key, start: d(start), finish: d(due) + 1, ...extra });
const ms = (key: ItemKey, target: string, achieved = false): CpmItem => ({ key, start: d(target) + 1, finish: d(target) + 1, fixed: achieved });
const dep = (from: ItemKey, to: ItemKey, lagDays = 0): CpmDependency => ({ from, to, lagDays });
const floatOf = (r: ReturnType<typeof criticalPath>, k: ItemKey) => r.times.get(k)?.float;

describe("critical path", () => {
  test("a chain planned back to back is critical end to end, with its arrows", () => {
    const r = criticalPath(
      [act("a1", "2026-01-05", "2026-01-09"), act("a2", "2026-01-12", "2026-01-16"), act("a3", "2026-01-19", "2026-01-23")],
      [dep("a1", "a2"), dep("a2", "a3")],
    );
    // a2 may finish two days later than planned (a3 starts on 19 Jan), and a1 two more on top
    // (it finishes on the 9th, a2 is planned from the 12th).
    expect(floatOf(r, "a1")).toBe(4);
    expect(floatOf(r, "a2")).toBe(2);
    expect(floatOf(r, "a3")).toBe(0);
    expect(r.end).toBe(d("2026-01-23") + 1);
  });

  test("a chain where each starts the day after its predecessor is due has zero float throughout", () => {
    const r = criticalPath([act("a1", "2026-01-05", "2026-01-09"), act("a2", "2026-01-10", "2026-01-16")], [dep("a1", "a2")]);
    expect(floatOf(r, "a1")).toBe(0);
    expect(floatOf(r, "a2")).toBe(0);
    expect(r.criticalEdges.has(edgeKey("a1", "a2"))).toBe(true);
  });

  test("a predecessor running late pushes its successor: the forward pass moves it, never earlier than planned", () => {
    const r = criticalPath([act("a1", "2026-01-05", "2026-01-20"), act("a2", "2026-01-10", "2026-01-16")], [dep("a1", "a2")]);
    const t = r.times.get("a2")!;
    expect(t.earlyStart).toBe(d("2026-01-21"));
    expect(t.earlyFinish).toBe(d("2026-01-21") + 7);
    expect(t.critical).toBe(true);
  });

  test("diamond: the longer branch is critical, the shorter has float equal to the difference", () => {
    const r = criticalPath(
      [
        act("s", "2026-02-02", "2026-02-02"),
        act("long", "2026-02-03", "2026-02-12"),
        act("short", "2026-02-03", "2026-02-05"),
        act("e", "2026-02-13", "2026-02-13"),
      ],
      [dep("s", "long"), dep("s", "short"), dep("long", "e"), dep("short", "e")],
    );
    expect(floatOf(r, "long")).toBe(0);
    expect(floatOf(r, "short")).toBe(7);
    expect(floatOf(r, "s")).toBe(0);
    expect(floatOf(r, "e")).toBe(0);
    expect(r.criticalEdges.has(edgeKey("s", "long"))).toBe(true);
    expect(r.criticalEdges.has(edgeKey("short", "e"))).toBe(false);
  });

  test("lag counts: the successor waits for the lag, and the lag is part of the path", () => {
    const r = criticalPath([act("a1", "2026-03-02", "2026-03-06"), act("a2", "2026-03-02", "2026-03-04")], [dep("a1", "a2", 3)]);
    expect(r.times.get("a2")!.earlyStart).toBe(d("2026-03-07") + 3);
    expect(floatOf(r, "a1")).toBe(0);
    expect(floatOf(r, "a2")).toBe(0);
    expect(r.criticalEdges.has(edgeKey("a1", "a2"))).toBe(true);
  });

  test("parallel paths of equal length are both critical", () => {
    const r = criticalPath(
      [act("a", "2026-04-01", "2026-04-10"), act("b", "2026-04-01", "2026-04-10"), act("end", "2026-04-11", "2026-04-11")],
      [dep("a", "end"), dep("b", "end")],
    );
    expect(floatOf(r, "a")).toBe(0);
    expect(floatOf(r, "b")).toBe(0);
    expect(r.criticalEdges.size).toBe(2);
  });

  test("milestones take part: zero duration, fixed when achieved, and a late action makes its milestone critical", () => {
    const r = criticalPath(
      [act("a1", "2026-05-01", "2026-05-20"), ms("m1", "2026-05-15"), act("a2", "2026-05-16", "2026-05-18"), ms("m0", "2026-04-01", true)],
      [dep("a1", "m1"), dep("m1", "a2"), dep("m0", "a1")],
    );
    const m1 = r.times.get("m1")!;
    expect(m1.earlyStart).toBe(m1.earlyFinish);
    expect(m1.earlyFinish).toBe(d("2026-05-20") + 1); // pushed by a1, finishing 20 May
    expect(m1.critical).toBe(true);
    expect(r.times.get("m0")!.earlyFinish).toBe(d("2026-04-01") + 1);
    expect(r.end).toBe(d("2026-05-21") + 3);
  });

  test("done items stay fixed at their completion, cancelled ones take no part, undated ones are reported", () => {
    const r = criticalPath(
      [
        act("done", "2026-06-01", "2026-06-05", { fixed: true, finish: d("2026-06-10") + 1 }),
        act("next", "2026-06-06", "2026-06-12"),
        { key: "gone", start: d("2026-06-01"), finish: d("2026-09-01"), excluded: true },
        { key: "ongoing", start: null, finish: null },
      ],
      [dep("done", "next"), dep("gone", "next"), dep("ongoing", "next")],
    );
    expect(r.times.get("done")!.earlyFinish).toBe(d("2026-06-11"));
    expect(r.times.get("next")!.earlyStart).toBe(d("2026-06-11"));
    expect(r.times.has("gone")).toBe(false);
    expect(r.undated).toEqual(["ongoing"]);
    expect(r.end).toBe(d("2026-06-11") + 7);
  });

  test("finished work has no float and is never critical, though it still passes its dates on", () => {
    // done finished late (10 June) and pushes next; with no slack left after it, next is critical.
    const r = criticalPath(
      [act("done", "2026-06-01", "2026-06-05", { fixed: true, finish: d("2026-06-10") + 1 }), act("next", "2026-06-06", "2026-06-12"), ms("hit", "2026-05-01", true)],
      [dep("done", "next"), dep("hit", "done")],
    );
    expect(r.times.get("done")).toMatchObject({ float: null, critical: false });
    expect(r.times.get("hit")).toMatchObject({ float: null, critical: false });
    expect(r.times.get("next")).toMatchObject({ float: 0, critical: true });
    expect(r.criticalEdges.size).toBe(0);
  });

  test("a cross-project programme: the path runs through both projects' items", () => {
    // Project A's a1 feeds project B's b1; B's b2 is independent and short.
    const r = criticalPath(
      [act("a1", "2026-07-01", "2026-07-31"), act("b1", "2026-08-01", "2026-08-31"), act("b2", "2026-07-01", "2026-07-10"), act("a2", "2026-07-01", "2026-07-02")],
      [dep("a1", "b1"), dep("a2", "b2")],
    );
    expect(floatOf(r, "a1")).toBe(0);
    expect(floatOf(r, "b1")).toBe(0);
    expect(floatOf(r, "b2")).toBe(d("2026-09-01") - (d("2026-07-03") + 10)); // b2 waits for a2, then runs 10 days
    expect(r.criticalEdges.has(edgeKey("a1", "b1"))).toBe(true);
  });

  test("a cycle in imported data does not hang: its items are reported and get no float", () => {
    const r = criticalPath([act("x", "2026-01-01", "2026-01-02"), act("y", "2026-01-03", "2026-01-04"), act("z", "2026-01-05", "2026-01-06")], [
      dep("x", "y"),
      dep("y", "x"),
      dep("y", "z"),
    ]);
    expect(r.cyclic.sort()).toEqual(["x", "y", "z"]);
    expect(r.times.size).toBe(0);
  });

  test("linear: 20,000 items in a chain with 20,000 dependencies", () => {
    const items: CpmItem[] = [];
    const deps: CpmDependency[] = [];
    for (let i = 0; i < 20_000; i++) {
      items.push({ key: `a${i}`, start: i * 2, finish: i * 2 + 2 });
      if (i) deps.push(dep(`a${i - 1}`, `a${i}`));
    }
    const r = criticalPath(items, deps);
    expect(r.times.get("a19999")!.critical).toBe(true);
    expect(r.criticalEdges.size).toBe(19_999);
  });
});
