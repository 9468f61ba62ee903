import { evaluateRule, describeRule, type Vote } from "~/modules/approval/decision-rule";

const v = (s: string): Vote[] => [...s].map((c) => (c === "a" ? "approve" : c === "r" ? "reject" : c === "s" ? "abstain" : null));
const status = (kind: "majority" | "unanimous" | "quorum", members: number, votes: string, quorum?: number) =>
  evaluateRule({ kind, members, quorum }, v(votes)).status;

describe("majority of members", () => {
  it("stays open until more than half of the members approve", () => {
    expect(status("majority", 3, "...")).toBe("open");
    expect(status("majority", 3, "a..")).toBe("open");
    expect(status("majority", 3, "aa.")).toBe("approved");
    expect(status("majority", 4, "aa..")).toBe("open");
    expect(status("majority", 4, "aaa.")).toBe("approved");
  });

  it("counts members who have no ballot as not voted", () => {
    expect(evaluateRule({ kind: "majority", members: 5 }, v("aa"))).toMatchObject({ status: "open", pending: 3 });
    expect(status("majority", 5, "aaa")).toBe("approved");
  });

  it("closes early as rejected once approval is out of reach and rejections lead", () => {
    expect(status("majority", 3, "rr.")).toBe("rejected");
    expect(status("majority", 3, "rs.")).toBe("rejected");
    expect(status("majority", 5, "rrr..")).toBe("rejected");
  });

  it("closes early as deferred when approval is out of reach but the board did not reject it", () => {
    expect(status("majority", 3, "ars")).toBe("deferred");
    expect(status("majority", 3, "ss.")).toBe("deferred");
    expect(status("majority", 4, "aarr")).toBe("deferred");
  });

  it("stays open while the remaining votes could still decide it either way", () => {
    expect(status("majority", 3, "ar.")).toBe("open");
    expect(status("majority", 5, "aarr.")).toBe("open");
  });

  it("explains the count for the decision record", () => {
    expect(evaluateRule({ kind: "majority", members: 3 }, v("aa.")).explanation).toBe(
      "2 of 3 approved, 0 rejected, 0 abstained, 1 not voted; a majority of members needs 2 approvals.",
    );
  });
});

describe("unanimous", () => {
  it("is approved only when every member approves", () => {
    expect(status("unanimous", 3, "aa.")).toBe("open");
    expect(status("unanimous", 3, "aaa")).toBe("approved");
  });

  it("closes early as rejected on the first rejection", () => {
    expect(status("unanimous", 3, "r..")).toBe("rejected");
    expect(status("unanimous", 3, "aar")).toBe("rejected");
  });

  it("treats an abstention as not approving: deferred when only abstentions block it", () => {
    expect(status("unanimous", 3, "s..")).toBe("deferred");
    expect(status("unanimous", 3, "aas")).toBe("deferred");
    expect(status("unanimous", 3, "asr")).toBe("rejected");
  });
});

describe("quorum of N", () => {
  it("needs at least N votes cast, abstentions included", () => {
    expect(status("quorum", 5, "aa...", 3)).toBe("open");
    expect(status("quorum", 5, "aaa..", 3)).toBe("approved");
    expect(status("quorum", 3, "as.", 3)).toBe("open");
    expect(status("quorum", 3, "ass", 3)).toBe("approved");
  });

  it("waits while outstanding votes could overturn the approvals", () => {
    expect(status("quorum", 5, "aas..", 3)).toBe("open");
    expect(status("quorum", 5, "aaar.", 3)).toBe("approved");
    expect(status("quorum", 5, "aarr.", 3)).toBe("open");
  });

  it("closes early as rejected once approvals can no longer outnumber rejections", () => {
    expect(status("quorum", 5, "rrr..", 3)).toBe("rejected");
    expect(status("quorum", 4, "r...", 2)).toBe("open");
    expect(status("quorum", 4, "rr..", 2)).toBe("rejected");
    expect(status("quorum", 4, "arrr", 2)).toBe("rejected");
  });

  it("is deferred on a tie with nobody left to vote", () => {
    expect(status("quorum", 4, "arss", 2)).toBe("deferred");
    expect(status("quorum", 2, "ss", 2)).toBe("deferred");
  });

  it("is deferred at once when the quorum is larger than the board", () => {
    expect(status("quorum", 3, "...", 4)).toBe("deferred");
  });

  it("treats a missing quorum as a quorum of one", () => {
    expect(status("quorum", 1, "a")).toBe("approved");
    expect(describeRule({ kind: "quorum", quorum: null })).toBe("Quorum of 1");
  });
});
