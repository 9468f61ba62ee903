import { compareText, MAX_EDIT_LENGTH } from "~/modules/proposal/diff";

describe("comparing proposal versions", () => {
  it("marks lines added, removed and kept, in order", () => {
    const result = compareText("## Scope\n- Assessors\n- Team leaders\nEnds here", "## Scope\n- Assessors\n- Managers\n- Team leaders\nEnds here");
    expect(result).toEqual({
      kind: "lines",
      lines: [
        { kind: "same", text: "## Scope" },
        { kind: "same", text: "- Assessors" },
        { kind: "added", text: "- Managers" },
        { kind: "same", text: "- Team leaders" },
        { kind: "same", text: "Ends here" },
      ],
    });
  });

  it("shows a changed line as removed then added, and treats CRLF and a trailing newline as no change", () => {
    expect(compareText("one\r\ntwo\r\n", "one\ntwo\n")).toEqual({ kind: "lines", lines: [{ kind: "same", text: "one" }, { kind: "same", text: "two" }, { kind: "same", text: "" }] });
    expect(compareText("a\nb", "a\nc")).toEqual({
      kind: "lines",
      lines: [
        { kind: "same", text: "a" },
        { kind: "removed", text: "b" },
        { kind: "added", text: "c" },
      ],
    });
    expect(compareText("", "First words")).toEqual({ kind: "lines", lines: [{ kind: "removed", text: "" }, { kind: "added", text: "First words" }] });
  });

  it("compares two 20,000-character bodies with scattered edits line by line", () => {
    const before = Array.from({ length: 450 }, (_, i) => `Paragraph ${i}: the service will be reviewed.`).join("\n");
    const after = before
      .split("\n")
      .map((l, i) => (i % 10 === 0 ? `${l} Amended.` : l))
      .join("\n");
    expect(before.length).toBeGreaterThan(20_000);
    const result = compareText(before, after);
    expect(result.kind).toBe("lines");
    if (result.kind !== "lines") return;
    expect(result.lines.filter((l) => l.kind === "added")).toHaveLength(45);
    expect(result.lines.filter((l) => l.kind === "removed")).toHaveLength(45);
    expect(result.lines.filter((l) => l.kind === "same")).toHaveLength(405);
  });

  it("gives up on two unrelated 6,000-line bodies and hands back both versions", () => {
    const before = Array.from({ length: 6000 }, (_, i) => `old line ${i}`).join("\n");
    const after = Array.from({ length: 6000 }, (_, i) => `new line ${i}`).join("\n");
    expect(compareText(before, after)).toEqual({ kind: "too-many", before, after });
  });

  it("gives up exactly when the edits exceed the limit", () => {
    const rewrite = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word} ${i}`).join("\n");
    expect(compareText(rewrite(10, "old"), rewrite(10, "new"), 20).kind).toBe("lines");
    expect(compareText(rewrite(11, "old"), rewrite(11, "new"), 20).kind).toBe("too-many");
    expect(MAX_EDIT_LENGTH).toBeGreaterThanOrEqual(500);
  });
});
