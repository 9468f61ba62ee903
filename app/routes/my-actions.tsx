import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "~/utils/json.server";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AsOfBanner, FlagTags } from "~/components/flag-tags";
import { DateInput, ErrorSummary } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { readAsOf, shortDate, STATUS_NAMES } from "~/modules/action/plan-view";
import { todayInLondon } from "~/modules/action/rules";
import { loadMyActions } from "~/modules/action/views.server";
import { requireUser } from "~/modules/auth/session.server";
import { TableScroll } from "~/components/table-scroll";
import { unchangedPage } from "~/utils/page-cache.server";

export { headers } from "~/utils/etag.server";

// Links and a GET form: sent as plain HTML, without scripts or a second copy of its rows as
// hydration data, so it can be kept whole and sent again while nothing changes (decision 27).
export const handle = { hydrate: false };

export const meta: MetaFunction = () => [{ title: "My actions – Waymark" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const asOf = readAsOf(new URL(request.url).searchParams, todayInLondon());
  const { headers, unchanged } = unchangedPage(request, context, { viewer: user.id, asOf: asOf.asOf });
  if (unchanged) return unchanged;
  const { rows, ledRows } = loadMyActions({ user, asOf: asOf.asOf });
  return json({ name: user.name, asOf, rows, ledRows }, { status: asOf.error ? 400 : 200, headers });
}

export default function MyActions() {
  const { name, asOf, rows, ledRows } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const errors = asOf.error ? { asOf: asOf.error } : undefined;
  const flagged = rows.filter((r) => r.flags.length > 0).length;
  const ledFlagged = ledRows.filter((r) => r.flags.length > 0).length;
  return (
    <>
      <ErrorSummary errors={errors} />
      <PageTitle caption={name}>My actions</PageTitle>
      <AsOfBanner asOf={asOf.asOf} isToday={asOf.isToday} todayHref="/my-actions" label="Flags are shown" />
      <p className="govuk-body">
        Open actions you own, by name or through a team you belong to, in every project you can see. Flagged actions come first.
      </p>
      <p className="govuk-body" role="status">
        {rows.length === 0
          ? "You have no open actions."
          : `${rows.length} open ${rows.length === 1 ? "action" : "actions"}, ${flagged} flagged.`}
      </p>
      {rows.length > 0 ? <ActionTable rows={rows} caption="Your open actions" /> : null}
      {ledRows.length > 0 ? (
        <>
          <h2 className="govuk-heading-l govuk-!-margin-top-6">In work packages you lead</h2>
          <p className="govuk-body">
            Open actions of work packages you lead that you do not own. As the lead you can add progress notes and mark them done or
            blocked.
          </p>
          <p className="govuk-body" role="status">
            {`${ledRows.length} open ${ledRows.length === 1 ? "action" : "actions"}, ${ledFlagged} flagged.`}
          </p>
          <ActionTable rows={ledRows} caption="Open actions in work packages you lead" />
        </>
      ) : null}
      <Form method="get" key={search} className="govuk-!-margin-top-6">
        <DateInput
          name="asOf"
          label="View as of another date"
          hint="Flags as they would stand on this date. Leave empty for today."
          state={{ errors, values: { asOf: asOf.raw } }}
        />
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show
        </button>
      </Form>
    </>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

/** The open actions table: the same columns and flags for both sections. */
function ActionTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="govuk-table govuk-!-font-size-16">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Action
            </th>
            <th scope="col" className="govuk-table__header">
              Project
            </th>
            <th scope="col" className="govuk-table__header">
              Deadline
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              Flags
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Update</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => {
            const href = `/projects/${r.project.slug}/actions/${r.id}`;
            return (
              <tr className="govuk-table__row" key={r.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={href}>
                    {r.ref} {r.title}
                  </a>
                  {r.viaTeams.length ? (
                    <span className="govuk-!-display-block govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">
                      Owned by {r.viaTeams.join(", ")}
                    </span>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`/projects/${r.project.slug}/actions`}>
                    {r.project.name}
                  </a>
                </td>
                <td className="govuk-table__cell">
                  {r.deadlineText && r.deadlineText !== r.dueDate ? <span className="govuk-!-display-block">{r.deadlineText}</span> : null}
                  {r.dueDate ? `Due ${shortDate(r.dueDate)}` : "No due date"}
                </td>
                <td className="govuk-table__cell">{STATUS_NAMES[r.status]}</td>
                <td className="govuk-table__cell">
                  <FlagTags flags={r.flags} none="None" />
                </td>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={`${href}#progress-note`}>
                    Add a progress note
                    <span className="govuk-visually-hidden">
                      {" "}
                      to {r.ref} {r.title}
                    </span>
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
