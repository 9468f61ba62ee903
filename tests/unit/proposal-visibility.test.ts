import { canSeeProposal, seesDrafts } from "~/modules/proposal/visibility";

const access = (roles: string[], canManage = false) => ({ canManage, roles: new Set(roles) });

describe("who sees a proposal at which stage", () => {
  it("hides drafts from someone who is only a consultee", () => {
    expect(seesDrafts(access(["consultee"]))).toBe(false);
    expect(canSeeProposal(access(["consultee"]), "draft")).toBe(false);
    for (const status of ["in_consultation", "with_board", "approved", "rejected", "deferred", "implemented"]) {
      expect(canSeeProposal(access(["consultee"]), status)).toBe(true);
    }
  });

  it("shows drafts to managers and to anyone with another role on the project", () => {
    expect(seesDrafts(access(["consultee"], true))).toBe(true);
    expect(seesDrafts(access(["consultee", "reader"]))).toBe(true);
    expect(seesDrafts(access(["board_member"]))).toBe(true);
    expect(seesDrafts(access([]))).toBe(true);
  });
});
