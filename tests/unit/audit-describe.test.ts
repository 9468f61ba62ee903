import { show } from "~/modules/audit/describe";

describe("audit values in words", () => {
  it("writes empty values, lists and nested records without JSON punctuation", () => {
    expect(show(null)).toBe("(empty)");
    expect(show("")).toBe("(empty)");
    expect(show(42)).toBe("42");
    expect(show(["Helen Wright", "Lorna Baxter"])).toBe("Helen Wright, Lorna Baxter");
    expect(show({ noteDate: "2026-11-20", body: "Survey done", statusChange: null })).toBe(
      "noteDate: 2026-11-20; body: Survey done; statusChange: (empty)",
    );
  });
});
