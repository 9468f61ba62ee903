import type { ReactNode } from "react";
import { Tag } from "~/components/layout";
import { FLAG_COLOURS, type FlagKind } from "~/modules/action/plan-view";

interface FlagLike {
  kind: FlagKind;
  tag: string;
  text: string;
}

/**
 * A flag as a GOV.UK tag whose words carry the meaning ("Overdue 12 days"), so nothing depends on
 * its colour; with `detail`, the blocking chain ("Blocked by 4.2, which is 12 days overdue") below.
 */
export function FlagTags({ flags, detail = true, none = null }: { flags: FlagLike[]; detail?: boolean; none?: ReactNode }) {
  if (flags.length === 0) return <>{none}</>;
  return (
    <ul className="govuk-list waymark-flag-list govuk-!-margin-bottom-0">
      {flags.map((f) => (
        <li key={f.kind} className="govuk-!-margin-bottom-1">
          <Tag colour={FLAG_COLOURS[f.kind]}>{f.tag}</Tag>
          {detail && (f.kind === "blocked" || f.kind === "at_risk" || f.kind === "schedule_conflict") ? (
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 govuk-!-margin-bottom-0">{f.text}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Owners as the plan writes them (initials, team names), with full names for screen readers and on hover. */
export function OwnerList({ owners }: { owners: Array<{ key: string; kind: "person" | "team"; short: string; name: string }> }) {
  if (owners.length === 0) return <span className="govuk-body-s">No owner</span>;
  return (
    <>
      {owners.map((o, i) => (
        <span key={o.key}>
          {i > 0 ? ", " : null}
          {o.kind === "person" && o.short !== o.name ? (
            <>
              <abbr title={o.name} aria-hidden="true">
                {o.short}
              </abbr>
              <span className="govuk-visually-hidden">{o.name}</span>
            </>
          ) : (
            o.name
          )}
        </span>
      ))}
    </>
  );
}

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Showing plan as of 3 Mar 2026" banner, shown whenever the view date is not today. */
export function AsOfBanner({ asOf, isToday, todayHref, label }: { asOf: string; isToday: boolean; todayHref: string; label: string }) {
  if (isToday) return null;
  const date = longDate.format(new Date(`${asOf}T12:00:00Z`));
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="as-of-title" data-module="govuk-notification-banner">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="as-of-title">
          Viewing another date
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          {label} as of {date}, not today.{" "}
          <a className="govuk-notification-banner__link" href={todayHref}>
            View as of today
          </a>
        </p>
      </div>
    </div>
  );
}
