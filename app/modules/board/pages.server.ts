// Loaders and actions of the board pages, a project's (/projects/<slug>/boards) and a programme's
// (/programmes/<slug>/boards): who may see and change them, the forms, the service calls. The
// routes resolve the place and call these.
import { json, redirect } from "@remix-run/node";
import { refuseAccess, requireProgrammeAccess, requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor, type SessionUser } from "~/modules/auth/session.server";
import { peopleOptions } from "~/modules/people/service.server";
import { attempt, formValues, parseForm } from "~/utils/forms";
import { boardCreateSchema, boardEditSchema, boardMemberSchema } from "./forms";
import { addBoardMember, boardHistory, createBoard, getBoard, listBoards, removeBoardMember, updateBoard, type GovernanceScope } from "./service.server";

export interface BoardPlace {
  user: SessionUser;
  scope: GovernanceScope;
  level: "project" | "programme";
  /** /projects/<slug>/boards or /programmes/<slug>/boards */
  base: string;
  /** The project's or programme's name, for captions and titles. */
  name: string;
  slug: string;
  canManage: boolean;
}

export async function boardPlace(request: Request, params: { slug?: string }, level: "project" | "programme", need: "read" | "manage" = "read"): Promise<BoardPlace> {
  if (level === "project") {
    const { user, project, access } = await requireProjectAccess(request, params.slug, need);
    return { user, scope: { projectId: project.id }, level, base: `/projects/${project.slug}/boards`, name: project.name, slug: project.slug, canManage: access.canManage };
  }
  const { user, programme, access } = await requireProgrammeAccess(request, params.slug, need);
  return { user, scope: { programmeId: programme.id }, level, base: `/programmes/${programme.slug}/boards`, name: programme.name, slug: programme.slug, canManage: access.canManage };
}

/** What every board page shows of its place; `project`/`programme` also name the page's title (utils/page-title). */
function placeData(place: BoardPlace) {
  const named = { name: place.name, slug: place.slug };
  return { level: place.level, base: place.base, canManage: place.canManage, ...(place.level === "project" ? { project: named } : { programme: named }) };
}

export function boardsPage(place: BoardPlace) {
  return { ...placeData(place), boards: listBoards({ scope: place.scope }) };
}

export function newBoardPage(place: BoardPlace) {
  return { ...placeData(place), people: peopleOptions() };
}

export async function newBoardAction(request: Request, place: BoardPlace) {
  const parsed = parseForm(await request.formData(), boardCreateSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const result = attempt(parsed.values, () => createBoard({ actor: actorFor(place.user, request), scope: place.scope, ...parsed.data }));
  if (!result.ok) return json(result, { status: 400 });
  return redirect(`${place.base}/${result.result.id}`);
}

export function boardPage(place: BoardPlace, boardId: string | undefined) {
  const board = getBoard({ scope: place.scope, boardId: Number(boardId) });
  const canChange = place.canManage && board.ownBoard;
  return {
    ...placeData(place),
    board,
    canChange,
    history: boardHistory({ scope: place.scope, boardId: board.id }),
    people: canChange ? peopleOptions().filter((p) => !board.members.some((m) => m.personId === p.value)) : [],
  };
}

export async function boardAction(request: Request, place: BoardPlace, boardIdParam: string | undefined) {
  const scope = place.scope;
  const boardId = Number(boardIdParam);
  const board = getBoard({ scope, boardId });
  const actor = actorFor(place.user, request);
  // A project's managers read the programme's board (shown on the project's page) but do not change it.
  if (!board.ownBoard)
    refuseAccess({
      actor,
      request,
      what: `change board ${boardId}`,
      status: 403,
      projectId: "projectId" in scope ? scope.projectId : undefined,
      message: "This board belongs to the programme: its programme managers change it.",
    });
  const form = await request.formData();
  const values = formValues(form);
  if (values.intent === "edit") {
    const parsed = parseForm(form, boardEditSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const result = attempt(parsed.values, () => updateBoard({ actor, scope, boardId, ...parsed.data }));
    if (!result.ok) return json(result, { status: 400 });
  } else {
    const parsed = parseForm(form, boardMemberSchema);
    if (!parsed.ok) return json(parsed, { status: 400 });
    const { intent, personId } = parsed.data;
    const result = attempt(parsed.values, () => (intent === "add-member" ? addBoardMember : removeBoardMember)({ actor, scope, boardId, personId }));
    if (!result.ok) return json(result, { status: 400 });
  }
  return redirect(`${place.base}/${boardId}`);
}
