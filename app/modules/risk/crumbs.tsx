import { Breadcrumbs } from "~/components/layout";
import type { RiskPageView } from "./route.server";

/** A programme register's pages have no layout above them, so they draw their own breadcrumbs. */
export function RiskCrumbs({ view }: { view: Pick<RiskPageView, "crumbs"> }) {
  return view.crumbs ? <Breadcrumbs items={view.crumbs} /> : null;
}
