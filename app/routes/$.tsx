import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/utils/errors";

// Any address no other route matches: a 404 rendered inside the full layout (the root loader
// still runs, so a signed-in person keeps their navigation).
export const meta: MetaFunction = () => [{ title: "Page not found – Waymark" }];

export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
