import { useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation to another page, focus moves to the new page's <h1> (made
 * focusable with tabindex="-1"), as GOV.UK services do: a screen reader announces the new page
 * and the next Tab starts from its top. Not on the first load (the browser starts at the top),
 * not when only the query changes (sorting or filtering a table keeps the user where they are),
 * and not when the page has already put focus on its error summary.
 */
export function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const previous = shown.current;
    shown.current = pathname;
    if (previous === null || previous === pathname) return;
    if (document.activeElement?.closest(".govuk-error-summary")) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }, [pathname]);
}
