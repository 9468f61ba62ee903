import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SubmitButton } from "~/components/forms";
import { PageTitle } from "~/components/layout";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { workPackageSchema } from "~/modules/structure/forms";
import { WorkPackageFields } from "~/modules/structure/work-package-fields";
import { feedsIntoIds, getWorkPackage, listWorkPackages, updateWorkPackage } from "~/modules/structure/work-package.server";
import { attempt, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(`Edit ${data?.workPackage.ref ?? "work package"}`, matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireProjectAccess(request, params.slug, "manage");
  const scope = { projectId: project.id, workPackageId: Number(params.wpId) };
  const workPackage = getWorkPackage(scope);
  return json({
    project: { slug: project.slug, name: project.name },
    workPackage,
    feedsInto: feedsIntoIds(scope),
    people: peopleOptions(),
    others: listWorkPackages({ projectId: project.id })
      .filter((w) => w.id !== workPackage.id)
      .map((w) => ({ value: w.id, label: `${w.ref}: ${w.name}` })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireProjectAccess(request, params.slug, "manage");
  const workPackage = getWorkPackage({ projectId: project.id, workPackageId: Number(params.wpId) });
  const parsed = parseForm(await request.formData(), workPackageSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () =>
    updateWorkPackage({ actor: actorFor(user, request), projectId: project.id, workPackageId: workPackage.id, ...parsed.data }),
  );
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`/projects/${project.slug}/work-packages/${workPackage.id}`);
}

export default function EditWorkPackage() {
  const { project, workPackage, feedsInto, people, others } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <ErrorSummary errors={state?.errors} />
      <PageTitle caption={project.name}>Edit {workPackage.ref}</PageTitle>
      <Form method="post" noValidate>
        <WorkPackageFields state={state} people={people} others={others} workPackage={workPackage} feedsInto={feedsInto} />
        <div className="govuk-button-group">
          <SubmitButton>Save changes</SubmitButton>
          <Link className="govuk-link" to={`/projects/${project.slug}/work-packages/${workPackage.id}`}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
