import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireAdmin } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { programmeSchema } from "~/modules/structure/forms";
import { ProgrammeFields } from "~/modules/structure/programme-fields";
import { createProgramme } from "~/modules/structure/programme.server";
import { attempt, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Create a programme – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const parsed = parseForm(await request.formData(), programmeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createProgramme({ actor: actorFor(user, request), ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/programmes/${result.result.slug}`);
}

export default function NewProgramme() {
  const state = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }]} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle>Create a programme</PageTitle>
      <Form method="post" noValidate>
        <ProgrammeFields state={state} />
        <SubmitButton>Create programme</SubmitButton>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
