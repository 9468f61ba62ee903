import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { Breadcrumbs, PageTitle } from "~/components/layout";
import { requireProgrammeAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { programmeSchema } from "~/modules/structure/forms";
import { ProgrammeFields } from "~/modules/structure/programme-fields";
import { updateProgramme } from "~/modules/structure/programme.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Edit ${data?.programme.name ?? "programme"}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { programme } = await requireProgrammeAccess(request, params.slug, "manage");
  return json({ programme });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, programme } = await requireProgrammeAccess(request, params.slug, "manage");
  const parsed = parseForm(await request.formData(), programmeSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => updateProgramme({ actor: actorFor(user, request), programmeId: programme.id, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/programmes/${result.result.slug}`);
}

export default function EditProgramme() {
  const { programme } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", label: "Programmes" }, { to: `/programmes/${programme.slug}`, label: programme.name }]} />
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={programme.name}>Edit programme</PageTitle>
      <Form method="post" noValidate>
        <ProgrammeFields state={state} programme={programme} />
        <SubmitButton>Save changes</SubmitButton>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
