import { useEffect } from "react";
import { fieldId } from "~/components/forms";
import { slugify } from "~/utils/forms";

/**
 * With JavaScript, the short name follows the name as it is typed, until the person edits the
 * short name themselves. Without JavaScript a blank short name is made from the name on the server.
 * Only when creating: renaming must not quietly move an existing web address.
 */
export function useSlugSuggestion(enabled: boolean, nameField = "name", slugField = "slug") {
  useEffect(() => {
    if (!enabled) return;
    const name = document.getElementById(fieldId(nameField)) as HTMLInputElement | null;
    const slug = document.getElementById(fieldId(slugField)) as HTMLInputElement | null;
    if (!name || !slug) return;
    let follow = slug.value === "" || slug.value === slugify(name.value);
    const onName = () => {
      if (follow) slug.value = slugify(name.value);
    };
    const onSlug = () => {
      follow = slug.value === "";
    };
    name.addEventListener("input", onName);
    slug.addEventListener("input", onSlug);
    return () => {
      name.removeEventListener("input", onName);
      slug.removeEventListener("input", onSlug);
    };
  }, [enabled, nameField, slugField]);
}
