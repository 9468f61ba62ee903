import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { ERROR_TITLE_PREFIX } from "~/utils/error-title";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
// The server puts "Error: " before the title of a page whose form came back with errors; React
// renders the title without it, so it comes off before hydration (ErrorSummary puts it back).
if (document.title.startsWith(ERROR_TITLE_PREFIX)) document.title = document.title.slice(ERROR_TITLE_PREFIX.length);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
