// Who may see a proposal at which stage. Pure: routes pass the person's project access.

/**
 * A draft is its managers' working copy: a consultee sees a proposal from consultation onwards.
 * Someone with another role on the project as well (reader, contributor, board member) sees
 * drafts through that role.
 */
export function seesDrafts(access: { canManage: boolean; roles: ReadonlySet<string> }) {
  if (access.canManage) return true;
  return [...access.roles].some((role) => role !== "consultee") || !access.roles.has("consultee");
}

export function canSeeProposal(access: { canManage: boolean; roles: ReadonlySet<string> }, status: string) {
  return status !== "draft" || seesDrafts(access);
}
