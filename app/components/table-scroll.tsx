import type { ReactNode } from "react";

/**
 * The box a wide table scrolls sideways in, so the page itself never does (WCAG 1.4.10 allows
 * two-dimensional scrolling for data tables, inside their own box). A named region that keyboard
 * users can focus and scroll with the arrow keys; give each one on a page its own `label`.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="waymark-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
