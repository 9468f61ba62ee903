import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { PROJECT_ROLE_LABELS, removeRoleSchema } from "~/modules/structure/forms";
import { listTeam, removeProjectRole } from "~/modules/structure/roles.server";
import { attempt, parseForm } from "~/utils/forms";
import { useProject } from "./projects.$slug";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("People and roles", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project, access } = await requireProjectAccess(request, params.slug);
  const team = listTeam({ projectId: project.id });
  // ?remove=<role id> asks "are you sure?" before the POST that removes it (works without JavaScript).
  const removeId = Number(new URL(request.url).searchParams.get("remove"));
  const confirming = access.canManage
    ? team.flatMap((p) => p.roles.filter((r) => r.roleId === removeId).map((r) => ({ ...r, name: p.name })))[0] ?? null
    : null;
  return json({ team, confirming });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), removeRoleSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => removeProjectRole({ actor: actorFor(user, request), projectId: project.id, roleId: parsed.data.roleId }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/team`);
}

export default function Team() {
  const { team, confirming } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { project, canManage } = useProject();
  const base = `/projects/${project.slug}/team`;
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>People and roles</PageTitle>
      {confirming ? (
        <section className="govuk-inset-text" aria-labelledby="confirm-remove">
          <h2 className="govuk-heading-m" id="confirm-remove">
            Remove {confirming.name} as {PROJECT_ROLE_LABELS[confirming.role].toLowerCase()}?
          </h2>
          <p className="govuk-body">They keep any other roles they have on this project.</p>
          <Form method="post" action={`${base}?remove=${confirming.roleId}`} className="govuk-button-group">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="roleId" value={confirming.roleId} />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Yes, remove this role
            </button>
            <Link className="govuk-link" to={base}>
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}
      {canManage ? (
        <Link className="govuk-button" to={`${base}/add`}>
          Add a person or role
        </Link>
      ) : null}
      {team.length === 0 ? (
        <p className="govuk-body">Nobody has a role on this project yet.</p>
      ) : (
        <TableScroll label={`People with a role on ${project.name}`}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">People with a role on {project.name}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person</th>
                <th scope="col" className="govuk-table__header">Organisation</th>
                <th scope="col" className="govuk-table__header">Roles</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {team.map((p) => (
                <tr className="govuk-table__row" key={p.personId}>
                  <td className="govuk-table__cell">
                    {p.name}
                    {p.initials ? ` (${p.initials})` : ""}
                    {p.email ? <span className="govuk-hint govuk-!-margin-bottom-0 govuk-!-display-block">{p.email}</span> : null}
                    {!p.hasLogin ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Named only, no sign-in</span> : null}
                  </td>
                  <td className="govuk-table__cell">{p.organisation ?? "Not set"}</td>
                  <td className="govuk-table__cell">
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {p.roles.map((r) => (
                        <li key={r.roleId}>
                          {PROJECT_ROLE_LABELS[r.role]}
                          {canManage ? (
                            <>
                              {" "}
                              <Link className="govuk-link govuk-!-font-size-16" to={`${base}?remove=${r.roleId}`}>
                                Remove<span className="govuk-visually-hidden"> {p.name} as {PROJECT_ROLE_LABELS[r.role].toLowerCase()}</span>
                              </Link>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
