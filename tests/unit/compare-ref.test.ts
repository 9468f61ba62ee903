import { compareRef } from "~/modules/action/plan-view";

const collator = new Intl.Collator("en-GB", { numeric: true, sensitivity: "base" });
const sign = (n: number) => Math.sign(n);

describe("references sort as people number them", () => {
  it("puts 2 before 10, 15a before 15b, WP2.3 before WP10.1", () => {
    const refs = ["10", "2", "15b", "15a", "WP10.1", "wp2.3", "1.10", "1.9", "1", "1.2.3", "A-2", "A.2", "A/2", "a 2", "007", "7"];
    expect([...refs].sort(compareRef)).toEqual([...refs].sort((a, b) => collator.compare(a, b)));
  });

  it("agrees with the numeric collator on every pair of thousands of generated references", () => {
    // A fixed pseudo-random sequence, so a failure can be replayed.
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const parts = ["", "WP", "wp", "R", "a", "B", "x", " ", ".", "-", "/", "0", "00", "1", "2", "9", "10", "011", "99", "100", "é", "_", "#", "Ä", "12345678901234"];
    const refs = Array.from({ length: 400 }, () => Array.from({ length: 1 + rand(5) }, () => parts[rand(parts.length)]).join(""));
    let compared = 0;
    const disagreements: string[] = [];
    for (const a of refs)
      for (const b of refs) {
        if (sign(compareRef(a, b)) !== sign(collator.compare(a, b))) disagreements.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        compared++;
      }
    expect(compared).toBe(160_000);
    expect(disagreements.slice(0, 10)).toEqual([]);
  });
});
