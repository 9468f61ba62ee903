// Cross-project redaction for exports and the API: a flag's causes and root-cause paths may run
// through items of projects the viewer cannot see. Those items become "an item in another
// project" (the same words the pages use), so their refs, titles and reasons never leak. Pure.
import type { Cause, Flag, ItemRef, RootCause, Why } from "~/modules/action/rules";

export const HIDDEN_ITEM = "an item in another project";

const hiddenRef = (item: ItemRef): ItemRef => ({ kind: "action", id: 0, projectId: item.projectId, ref: HIDDEN_ITEM, title: HIDDEN_ITEM });

/** A "blocked (reason)" written on a hidden item is hidden too; the fact that it is late is kept. */
const hiddenWhy = (why: Why[]): Why[] => why.map((w) => (w.kind === "blocked" ? { kind: "blocked", reason: null } : w));

export function redactFlag<F extends Flag>(flag: F, canSee: (projectId: number) => boolean): F {
  const item = (i: ItemRef) => (canSee(i.projectId) ? i : hiddenRef(i));
  const cause = (c: Cause): Cause => (canSee(c.item.projectId) ? c : { ...c, item: hiddenRef(c.item), why: hiddenWhy(c.why) });
  const root = (r: RootCause): RootCause => ({
    item: item(r.item),
    why: canSee(r.item.projectId) ? r.why : hiddenWhy(r.why),
    path: r.path.map(item),
  });
  if (flag.kind === "blocked") return { ...flag, causes: flag.causes.map(cause), roots: flag.roots.map(root) };
  if (flag.kind === "at_risk") return { ...flag, causes: flag.causes.map(cause) };
  return flag;
}
