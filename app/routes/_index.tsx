import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageTitle } from "~/components/layout";
import { ProjectTable } from "~/components/project-table";
import { visibleProgrammes, visibleProjects } from "~/modules/auth/access.server";
import { requireUser } from "~/modules/auth/session.server";

export const meta: MetaFunction = () => [{ title: "Your programmes – Waymark" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const programmes = visibleProgrammes(user);
  const projects = visibleProjects(user);
  return json({
    isAdmin: user.isAdmin,
    name: user.name,
    programmes: programmes.map((p) => ({
      ...p,
      projects: projects.filter((pr) => pr.programmeId === p.id),
    })),
    standalone: projects.filter((pr) => pr.programmeId === null),
  });
}

export default function Home() {
  const { programmes, standalone, isAdmin, name } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle caption={`Signed in as ${name}`}>Your programmes and projects</PageTitle>
      {isAdmin ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-button--secondary govuk-!-margin-right-2" to="/programmes/new">
            Create a programme
          </Link>
          <Link className="govuk-button govuk-button--secondary" to="/projects/new">
            Create a project
          </Link>
        </p>
      ) : null}
      {programmes.length === 0 && standalone.length === 0 ? (
        <p className="govuk-body">You have not been given a role on any project yet. Ask a project manager or your administrator.</p>
      ) : null}
      {programmes.map((programme) => (
        <section key={programme.id} className="govuk-!-margin-bottom-8" aria-labelledby={`programme-${programme.id}`}>
          <h2 className="govuk-heading-m" id={`programme-${programme.id}`}>
            <Link className="govuk-link" to={`/programmes/${programme.slug}`}>
              {programme.name}
            </Link>
          </h2>
          {programme.description ? <p className="govuk-body">{programme.description}</p> : null}
          <ProjectTable projects={programme.projects} />
        </section>
      ))}
      {standalone.length ? (
        <section aria-labelledby="standalone">
          <h2 className="govuk-heading-m" id="standalone">
            Projects outside a programme
          </h2>
          <ProjectTable projects={standalone} />
        </section>
      ) : null}
    </>
  );
}
