import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, Select, SubmitButton, TextInput } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { createUser, UserInputError } from "~/modules/auth/service.server";
import { actorFor } from "~/modules/auth/session.server";
import { sendAccountCreatedEmail } from "~/modules/mail/account-emails.server";
import { getOrganisation, listOrganisations } from "~/modules/people/organisations.server";
import { failure, optionalId, optionalText, parseForm, text } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Create a user – Administration – Waymark" }];

const MIN_PASSWORD = 12;

const NewUserSchema = z.object({
  name: text("their full name", 120),
  email: z
    .string()
    .trim()
    .min(1, "Enter their email address")
    .pipe(z.email("Enter an email address in the correct format, like name@council.gov.uk")),
  initials: optionalText("initials", 4).refine((v) => !v || /^[A-Za-z]+$/.test(v), "Initials can only contain letters"),
  organisationId: optionalId,
  jobTitle: optionalText("job title", 120),
  password: z
    .string()
    .min(MIN_PASSWORD, `The temporary password must be at least ${MIN_PASSWORD} characters`)
    .max(200, "The temporary password must be 200 characters or fewer"),
  isAdmin: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ organisations: listOrganisations().map((o) => ({ value: o.id, label: `${o.name} (${o.code})` })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = parseForm(await request.formData(), NewUserSchema);
  // The temporary password is never sent back to the browser.
  const { password: _password, ...kept } = parsed.values;
  if (!parsed.ok) return json(failure(parsed.errors, kept), { status: 400 });
  const input = parsed.data;
  if (input.organisationId && !getOrganisation(input.organisationId)) {
    return json(failure({ organisationId: "Choose an organisation from the list" }, kept), { status: 400 });
  }
  try {
    const user = await createUser(actorFor(admin, request), {
      name: input.name,
      email: input.email,
      password: input.password,
      initials: input.initials ? input.initials.toUpperCase() : null,
      organisationId: input.organisationId,
      jobTitle: input.jobTitle || null,
      isAdmin: input.isAdmin,
    });
    await sendAccountCreatedEmail({ to: user.email, name: input.name, createdBy: admin.name });
    return redirect(`/admin/users/${user.id}?done=created`);
  } catch (error) {
    if (error instanceof UserInputError) return json(failure(error.fieldErrors, kept), { status: 400 });
    throw error;
  }
}

export default function NewUser() {
  const { organisations } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", label: "Programmes" },
          { to: "/admin", label: "Administration" },
          { to: "/admin/users", label: "Users" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={state?.errors} />
          <PageTitle>Create a user</PageTitle>
          <Form method="post" noValidate>
            <TextInput name="name" label="Full name" autoComplete="off" spellCheck={false} state={state} />
            <TextInput name="email" label="Email address" type="email" autoComplete="off" spellCheck={false} state={state} />
            <TextInput
              name="initials"
              label="Initials (optional)"
              hint="Action plans show owners by initials. Leave blank to use the first letter of each name."
              width={4}
              state={state}
            />
            <Select name="organisationId" label="Organisation (optional)" options={organisations} emptyLabel="None" state={state} />
            <TextInput name="jobTitle" label="Job title (optional)" state={state} />
            <TextInput
              name="password"
              label="Temporary password"
              hint={`At least ${MIN_PASSWORD} characters. Give it to them in person or by phone, not by email.`}
              type="password"
              autoComplete="new-password"
              state={state}
            />
            <Checkboxes
              name="isAdmin"
              legend="Administration"
              hint="Administrators manage users and organisations, see the outbox and audit trail, and manage every project."
              options={[{ value: "yes", label: "Make this person an administrator" }]}
              state={state}
            />
            <SubmitButton>Create user</SubmitButton>
          </Form>
        </div>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
