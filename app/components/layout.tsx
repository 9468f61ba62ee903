import { Link, NavLink } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

export function PageTitle({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <h1 className="govuk-heading-l">
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      {children}
    </h1>
  );
}

export interface Crumb {
  to: string;
  label: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((c) => (
          <li className="govuk-breadcrumbs__list-item" key={c.to}>
            <Link className="govuk-breadcrumbs__link" to={c.to}>
              {c.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function SummaryList({ rows }: { rows: Array<{ key: string; value: ReactNode; action?: ReactNode }> }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((r) => (
        <div className="govuk-summary-list__row" key={r.key}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          {r.action ? <dd className="govuk-summary-list__actions">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

/** A success banner is an alert and takes focus on arrival (as GOV.UK Frontend's script does), so keyboard and screen-reader users know. */
export function NotificationBanner({ title = "Success", children, success = true }: { title?: string; children: ReactNode; success?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  return (
    <div
      ref={ref}
      tabIndex={success ? -1 : undefined}
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notification-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

/** Secondary navigation within a project or programme (MoJ sub navigation pattern). */
export function SubNavigation({ label, items }: { label: string; items: Array<{ to: string; label: string; end?: boolean }> }) {
  return (
    <nav className="waymark-subnav" aria-label={label}>
      <ul className="waymark-subnav__list">
        {items.map((item) => (
          <li key={item.to} className="waymark-subnav__item">
            <NavLink
              to={item.to}
              end={item.end}
              className={({ isActive }) => `govuk-link govuk-link--no-visited-state waymark-subnav__link${isActive ? " waymark-subnav__link--active" : ""}`}
            >
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

// en-GB short month names, as toLocaleDateString("en-GB") writes them, without its per-call cost
// (a 1,000-row table formats thousands of dates).
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"];

export function formatDate(iso: string | null | undefined, fallback = "Not set") {
  if (!iso) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

// Created once: toLocaleString with options builds a new formatter on every call.
const londonDateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

export function formatDateTime(iso: string | null | undefined) {
  if (!iso) return "";
  return londonDateTime.format(new Date(iso));
}
