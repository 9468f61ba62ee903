import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { NewBoard } from "~/modules/board/pages";
import { boardPlace, newBoardAction, newBoardPage } from "~/modules/board/pages.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle("Set up a board", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(newBoardPage(await boardPlace(request, params, "programme", "manage")));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return newBoardAction(request, await boardPlace(request, params, "programme", "manage"));
}

export default function NewBoardPage() {
  return <NewBoard data={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
