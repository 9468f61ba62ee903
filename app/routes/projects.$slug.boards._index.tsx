import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoardsList } from "~/modules/board/pages";
import { boardPlace, boardsPage } from "~/modules/board/pages.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Boards", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(boardsPage(await boardPlace(request, params, "project")));
}

export default function Boards() {
  return <BoardsList data={useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
