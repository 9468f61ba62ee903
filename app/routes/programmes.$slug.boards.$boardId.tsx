import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { BoardDetail } from "~/modules/board/pages";
import { boardAction, boardPage, boardPlace } from "~/modules/board/pages.server";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(data?.board.name ?? "Board", matches) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return json(boardPage(await boardPlace(request, params, "programme"), params.boardId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return boardAction(request, await boardPlace(request, params, "programme", "manage"), params.boardId);
}

export default function BoardPage() {
  return <BoardDetail data={useLoaderData<typeof loader>()} state={useActionData<typeof action>()} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
