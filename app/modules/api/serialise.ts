// Pure serialisers: database rows and flags into the API's JSON. No I/O.
import { flagTagText } from "~/modules/action/plan-view";
import { flagLabel, rootText, type Flag } from "~/modules/action/rules";
import { redactFlag } from "~/modules/action/redact";

export interface ApiFlag {
  kind: string;
  tag: string;
  text: string;
  /** For blocked flags: each chain to the bottom, in words ("4.2, which is blocked by 3.1, which is 12 days overdue"). */
  rootCauses: string[];
}

export function serialiseFlag(flag: Flag, canSee: (projectId: number) => boolean): ApiFlag {
  const shown = redactFlag(flag, canSee);
  return {
    kind: shown.kind,
    tag: flagTagText(shown),
    text: flagLabel(shown),
    rootCauses: shown.kind === "blocked" ? shown.roots.map(rootText) : [],
  };
}

/** One end of a dependency as the viewer may see it. */
export function dependencyEnd(
  end: { kind: "action" | "milestone"; id: number; projectId: number; label: string },
  canSee: (projectId: number) => boolean,
) {
  return canSee(end.projectId) ? end : { kind: end.kind, id: null, projectId: null, label: "an item in another project" };
}
