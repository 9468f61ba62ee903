// Page titles name the place as well as the page ("Risk register – Home-working pilot – Waymark"),
// so that six projects' risk registers do not share one title in a browser's tabs and history.
// The place comes from the route matches' loader data: the project layout's `project`, a
// programme page's `programme`, or a shared page's `view.caption` (the risk register's).

interface Match {
  id: string;
  data?: unknown;
}

function placeOf(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const d = data as { project?: { name?: unknown }; programme?: { name?: unknown }; view?: { caption?: unknown } };
  for (const name of [d.project?.name, d.programme?.name, d.view?.caption]) {
    if (typeof name === "string" && name) return name;
  }
  return null;
}

/** The project or programme a page belongs to, from the deepest route that knows it. */
export function placeName(matches: readonly Match[]): string | null {
  for (let i = matches.length - 1; i >= 0; i--) {
    const place = placeOf(matches[i].data);
    if (place) return place;
  }
  return null;
}

/** "<page> – <project or programme> – Waymark", leaving out the place when the page already names it. */
export function pageTitle(page: string, matches: readonly Match[]): string {
  const place = placeName(matches);
  return place && !page.includes(place) ? `${page} – ${place} – Waymark` : `${page} – Waymark`;
}
