import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Select, SubmitButton } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { refuseAccess, requireProgrammeAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { programmeRoleSchema, removeRoleSchema } from "~/modules/structure/forms";
import { addProgrammeRole, listProgrammeRoles, removeProgrammeRole } from "~/modules/structure/programme.server";
import { attempt, parseForm } from "~/utils/forms";
import { z } from "zod";
import { pageTitle } from "~/utils/page-title";
import { TableScroll } from "~/components/table-scroll";

const LABELS = { manager: "Programme manager", reader: "Programme reader" } as const;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Programme roles: ${data?.programme.name ?? ""}`, matches) }];

/** Administrators only: programme roles grant access to every project in the programme. */
async function requireProgrammeAdmin(request: Request, slug: string | undefined) {
  const found = await requireProgrammeAccess(request, slug, "manage");
  if (!found.user.isAdmin) refuseAccess({ actor: actorFor(found.user, request), request, what: `programme roles of ${slug}`, status: 403, message: "Only administrators can change programme roles" });
  return found;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgrammeAdmin(request, params.slug);
  const roles = listProgrammeRoles({ programmeId: programme.id });
  const removeId = Number(new URL(request.url).searchParams.get("remove"));
  return json({ programme, roles, people: peopleOptions(), confirming: roles.find((r) => r.id === removeId) ?? null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, programme } = await requireProgrammeAdmin(request, params.slug);
  const parsed = parseForm(await request.formData(), z.discriminatedUnion("intent", [programmeRoleSchema, removeRoleSchema]));
  if (!parsed.ok) return json(parsed, { status: 400 });
  const actor = actorFor(user, request);
  const data = parsed.data;
  const result = attempt(parsed.values, () =>
    data.intent === "add"
      ? addProgrammeRole({ actor, programmeId: programme.id, personId: data.personId!, role: data.role })
      : removeProgrammeRole({ actor, programmeId: programme.id, roleId: data.roleId }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/programmes/${programme.slug}/team`);
}

export default function ProgrammeTeam() {
  const { programme, roles, people, confirming } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const base = `/programmes/${programme.slug}/team`;
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: `/programmes/${programme.slug}`, label: programme.name }]} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={programme.name}>Programme managers and readers</PageTitle>
      <p className="govuk-body">Programme managers can manage every project in the programme; programme readers can read them all.</p>
      {confirming ? (
        <section className="govuk-inset-text" aria-labelledby="confirm-remove">
          <h2 className="govuk-heading-m" id="confirm-remove">
            Remove {confirming.name} as {LABELS[confirming.role].toLowerCase()}?
          </h2>
          <Form method="post" className="govuk-button-group">
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="roleId" value={confirming.id} />
            <button type="submit" className="govuk-button govuk-button--warning">
              Yes, remove this role
            </button>
            <Link className="govuk-link" to={base}>
              Cancel
            </Link>
          </Form>
        </section>
      ) : null}
      {roles.length === 0 ? (
        <p className="govuk-body">Nobody has a programme role yet.</p>
      ) : (
        <TableScroll label="People with programme roles">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">People with programme roles</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Person</th>
                <th scope="col" className="govuk-table__header">Role</th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {roles.map((r) => (
                <tr className="govuk-table__row" key={r.id}>
                  <td className="govuk-table__cell">{r.name}</td>
                  <td className="govuk-table__cell">{LABELS[r.role]}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`${base}?remove=${r.id}`}>
                      Remove<span className="govuk-visually-hidden"> {r.name} as {LABELS[r.role].toLowerCase()}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 className="govuk-heading-m">Give someone a programme role</h2>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="add" />
        <Select name="personId" label="Person" options={people} emptyLabel="Choose a person" state={state} />
        <Radios name="role" legend="Role" options={Object.entries(LABELS).map(([value, label]) => ({ value, label }))} state={state} />
        <SubmitButton>Add role</SubmitButton>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
