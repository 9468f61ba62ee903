import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { Breadcrumbs, NotificationBanner, PageTitle } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { createOrganisation, listOrganisations } from "~/modules/people/organisations.server";
import { attempt, parseForm, text } from "~/utils/forms";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction = () => [{ title: "Organisations – Administration – Waymark" }];

const OrganisationSchema = z.object({
  name: text("the organisation's name", 120),
  code: z
    .string()
    .trim()
    .min(1, "Enter a short code, like DBC")
    .max(10, "The short code must be 10 characters or fewer")
    .regex(/^[A-Za-z0-9]+$/, "The short code can only contain letters and numbers, like DBC"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ organisations: listOrganisations() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = parseForm(await request.formData(), OrganisationSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createOrganisation(actorFor(admin, request), parsed.data));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/admin/organisations?added=${encodeURIComponent(result.result.code)}`);
}

export default function AdminOrganisations() {
  const { organisations } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const added = params.get("added");
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: "/admin", label: "Administration" }]} />
      {added && !state ? <NotificationBanner>Organisation {added} added.</NotificationBanner> : null}
      <ErrorSummary errors={state?.errors} />
      <PageTitle>Organisations</PageTitle>
      <p className="govuk-body">The councils and partner bodies whose people work on Waymark's programmes.</p>
      {organisations.length ? (
        <TableScroll label="Organisations">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Organisations</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Short code</th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">People</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {organisations.map((o) => (
                <tr className="govuk-table__row" key={o.id}>
                  <td className="govuk-table__cell">{o.name}</td>
                  <td className="govuk-table__cell">{o.code}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{o.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="govuk-body">No organisations yet.</p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add an organisation</h2>
          <Form method="post" noValidate>
            <TextInput name="name" label="Name" hint="For example, Dacorum Borough Council" state={state} />
            <TextInput name="code" label="Short code" hint="Letters and numbers only, for example DBC" width={5} spellCheck={false} state={state} />
            <SubmitButton>Add organisation</SubmitButton>
          </Form>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
