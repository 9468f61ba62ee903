import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useFocusHeadingOnNavigation } from "~/components/route-focus";
import { useNonce } from "~/components/nonce";
import { getSessionUser } from "~/modules/auth/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles/app.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return json({ user: user ? { name: user.name, isAdmin: user.isAdmin } : null });
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  useFocusHeadingOnNavigation();
  const nonce = useNonce();
  // A page whose route says `handle = { hydrate: false }` (a plan's "all rows" view, the timeline)
  // is sent as plain HTML: no scripts, so its data is not sent a second time for hydration.
  const matches = useMatches();
  const hydrate = !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  // A page read by a public link (`handle.bare`) offers no way into the rest of the app.
  const bare = matches.some((m) => (m.handle as { bare?: boolean } | undefined)?.bare === true);
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header className="waymark-header" role="banner">
          <div className="govuk-width-container waymark-header__inner">
            {bare ? (
              <span className="waymark-header__name">Waymark</span>
            ) : (
              <Link to="/" className="waymark-header__name">
                Waymark
              </Link>
            )}
            {user && !bare ? (
              <nav aria-label="Account" className="waymark-header__nav">
                <ul className="waymark-header__list">
                  <li>
                    <Link className="waymark-header__link" to="/">
                      Programmes
                    </Link>
                  </li>
                  <li>
                    <Link className="waymark-header__link" to="/my-actions">
                      My actions
                    </Link>
                  </li>
                  <li>
                    <Link className="waymark-header__link" to="/my-calendar">
                      My calendar
                    </Link>
                  </li>
                  {user.isAdmin ? (
                    <li>
                      <Link className="waymark-header__link" to="/admin">
                        Administration
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    <Link className="waymark-header__link" to="/account/tokens">
                      API tokens
                    </Link>
                  </li>
                  <li>
                    <Form method="post" action="/sign-out" className="waymark-header__signout">
                      <button type="submit" className="waymark-header__button">
                        Sign out<span className="govuk-visually-hidden"> ({user.name})</span>
                      </button>
                    </Form>
                  </li>
                </ul>
              </nav>
            ) : null}
          </div>
        </header>
        <div className="govuk-width-container">
          {/* tabIndex -1: the skip link's fragment moves focus here, with or without JavaScript. */}
          <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
            {children}
          </main>
        </div>
        <footer className="govuk-footer" role="contentinfo">
          <div className="govuk-width-container">
            <p className="govuk-body-s">Waymark: action plans, risks and decisions for public-sector change projects.</p>
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
