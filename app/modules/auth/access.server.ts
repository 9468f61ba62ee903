import { and, eq, inArray, or, sql } from "drizzle-orm";
import { programmeRoles, programmes, projectRoles, projects, users, type ProjectRole } from "#db/schema";
import { getDb, prepared, write } from "~/db.server";
import { recordAudit } from "~/modules/audit/service.server";
import type { Actor } from "~/modules/audit/actor";
import { notFound, forbidden } from "~/utils/errors";
import { perRequest, requestScope } from "~/utils/request-scope.server";
import { actorFor, requireUser, type SessionUser } from "./session.server";

export type Project = typeof projects.$inferSelect;
export type Programme = typeof programmes.$inferSelect;

export interface ProjectAccess {
  project: Project;
  roles: Set<ProjectRole>;
  /** Administrator or a manager of the project's programme: manages the project without a project role. */
  isAdmin: boolean;
  isProgrammeManager: boolean;
  canManage: boolean;
}

const projectRolesQuery = () =>
  prepared("project roles of a person", (db) =>
    db
      .select({ role: projectRoles.role })
      .from(projectRoles)
      .where(and(eq(projectRoles.projectId, sql.placeholder("projectId")), eq(projectRoles.personId, sql.placeholder("personId"))))
      .prepare(),
  );
const programmeRolesQuery = () =>
  prepared("programme roles of a person", (db) =>
    db
      .select({ role: programmeRoles.role })
      .from(programmeRoles)
      .where(and(eq(programmeRoles.programmeId, sql.placeholder("programmeId")), eq(programmeRoles.personId, sql.placeholder("personId"))))
      .prepare(),
  );
const projectBySlugQuery = () =>
  prepared("project by slug", (db) => db.select().from(projects).where(eq(projects.slug, sql.placeholder("slug"))).prepare());
const programmeBySlugQuery = () =>
  prepared("programme by slug", (db) => db.select().from(programmes).where(eq(programmes.slug, sql.placeholder("slug"))).prepare());

/** What a signed-in person may do on a project, or null when they may not even see it. */
export function projectAccess(user: SessionUser, project: Project): ProjectAccess | null {
  const roles = new Set(projectRolesQuery().all({ projectId: project.id, personId: user.personId }).map((r) => r.role));
  const programmeRoleList = project.programmeId
    ? programmeRolesQuery().all({ programmeId: project.programmeId, personId: user.personId }).map((r) => r.role)
    : [];
  const isProgrammeManager = programmeRoleList.includes("manager");
  if (!user.isAdmin && roles.size === 0 && programmeRoleList.length === 0) return null;
  return {
    project,
    roles,
    isAdmin: user.isAdmin,
    isProgrammeManager,
    canManage: user.isAdmin || isProgrammeManager || roles.has("manager"),
  };
}

// The layout route and the page route both check access for one request; record the refusal once.
// Each loader has its own copy of the Request; the request scope is shared by all of them.
const refusalsLogged = new WeakSet<object>();

export interface Refusal {
  actor: Actor;
  /** What was refused, in words: "manage project rb-partnership", "link to a:12". */
  what: string;
  status: 403 | 404;
  projectId?: number;
  /** The request refused; without one (a service's own check) the event names `what` only. */
  request?: Request | { method: string; path: string };
  meta?: Record<string, unknown>;
}

/**
 * The one place an `access.refused` audit event is written (docs/handling-errors.md): page gates,
 * services' own checks and server.js's cross-origin refusal all come here. Once per request.
 */
export function recordRefusal({ actor, what, status, projectId, request, meta }: Refusal) {
  if (request instanceof Request) {
    const once = requestScope(request) ?? request;
    if (refusalsLogged.has(once)) return;
    refusalsLogged.add(once);
  }
  const path = request ? (request instanceof Request ? new URL(request.url).pathname : request.path) : what;
  write((tx) =>
    recordAudit(tx, {
      actor,
      event: "access.refused",
      entityType: "request",
      entityId: path,
      projectId,
      meta: { ...(request ? { method: request.method } : {}), what, status, ...meta },
    }),
  );
}

/**
 * Records the refusal and throws: 404 ("Page not found", the same as a missing record, so
 * existence does not leak) when the person may not see the thing, 403 when they may see it but
 * not do this.
 */
export function refuseAccess(refusal: Refusal & { message?: string }): never {
  recordRefusal(refusal);
  if (refusal.status === 404) notFound(refusal.message);
  forbidden(refusal.message);
}

function logRefusal(user: SessionUser, request: Request, what: string, status: 403 | 404, projectId?: number) {
  recordRefusal({ actor: actorFor(user, request), request, what, status, projectId });
}

/**
 * The gate for every project page. A user who may not see the project gets 404, exactly as if it
 * did not exist, so its existence does not leak; one who may see it but not do `need` gets 403.
 */
export async function requireProjectAccess(
  request: Request,
  slug: string | undefined,
  need: "read" | "manage" = "read",
) {
  const user = await requireUser(request);
  // The layout's loader and the page's ask the same question: answered once per HTTP request.
  const { project, access } = perRequest(request, `project access ${slug}`, () => {
    const found = slug ? projectBySlugQuery().get({ slug }) : undefined;
    return { project: found, access: found ? projectAccess(user, found) : null };
  });
  if (!project || !access) {
    if (project) logRefusal(user, request, `project ${slug}`, 404, project.id);
    notFound("Project not found");
  }
  if (need === "manage" && !access.canManage) {
    logRefusal(user, request, `manage project ${slug}`, 403, project.id);
    forbidden("Only the project's managers can do that");
  }
  return { user, access, project };
}

const visibleProjectsQuery = (admin: boolean, inProgramme: boolean) =>
  prepared(`visible projects ${admin ? "admin" : "person"} ${inProgramme ? "in programme" : "all"}`, (db) => {
    const scope = inProgramme ? eq(projects.programmeId, sql.placeholder("programmeId")) : undefined;
    if (admin) return db.select().from(projects).where(scope).orderBy(projects.name).prepare();
    const viaProject = db
      .select({ id: projectRoles.projectId })
      .from(projectRoles)
      .where(eq(projectRoles.personId, sql.placeholder("personId")));
    const viaProgramme = db
      .select({ id: programmeRoles.programmeId })
      .from(programmeRoles)
      .where(eq(programmeRoles.personId, sql.placeholder("personId")));
    return db
      .select()
      .from(projects)
      .where(and(scope, or(inArray(projects.id, viaProject), inArray(projects.programmeId, viaProgramme))))
      .orderBy(projects.name)
      .prepare();
  });

/** Projects the user may see, optionally within one programme. */
export function visibleProjects(user: Pick<SessionUser, "personId" | "isAdmin">, programmeId?: number): Project[] {
  const query = visibleProjectsQuery(user.isAdmin, programmeId !== undefined);
  return query.all({ personId: user.personId, programmeId });
}

export interface ProgrammeAccess {
  programme: Programme;
  canManage: boolean;
}

export async function requireProgrammeAccess(request: Request, slug: string | undefined, need: "read" | "manage" = "read") {
  const user = await requireUser(request);
  const { programme, access } = perRequest(request, `programme access ${slug}`, () => {
    const found = slug ? programmeBySlugQuery().get({ slug }) : undefined;
    let seen: ProgrammeAccess | null = null;
    if (found) {
      const roles = programmeRolesQuery().all({ programmeId: found.id, personId: user.personId }).map((r) => r.role);
      const seesAProject = roles.length > 0 || user.isAdmin || visibleProjects(user, found.id).length > 0;
      if (seesAProject) seen = { programme: found, canManage: user.isAdmin || roles.includes("manager") };
    }
    return { programme: found, access: seen };
  });
  if (!programme || !access) {
    if (programme) logRefusal(user, request, `programme ${slug}`, 404);
    notFound("Programme not found");
  }
  if (need === "manage" && !access.canManage) {
    logRefusal(user, request, `manage programme ${slug}`, 403);
    forbidden("Only the programme's managers can do that");
  }
  return { user, programme, access };
}

export async function requireAdmin(request: Request) {
  const user = await requireUser(request);
  if (!user.isAdmin) {
    logRefusal(user, request, "administration", 404);
    notFound();
  }
  return user;
}

/** Programmes the user can see: every one for an administrator, else those holding a visible project or a role. */
export function visibleProgrammes(user: Pick<SessionUser, "personId" | "isAdmin">) {
  const db = getDb();
  if (user.isAdmin) return db.select().from(programmes).orderBy(programmes.name).all();
  const ids = new Set<number>(visibleProjects(user).flatMap((p) => (p.programmeId ? [p.programmeId] : [])));
  for (const r of db
    .select({ id: programmeRoles.programmeId })
    .from(programmeRoles)
    .where(eq(programmeRoles.personId, user.personId))
    .all())
    ids.add(r.id);
  if (ids.size === 0) return [];
  return db.select().from(programmes).where(inArray(programmes.id, [...ids])).orderBy(programmes.name).all();
}


/**
 * What one person may reach across projects: the projects they may see (and so link to, read
 * about, or be told about) and those they may manage. Services that name items of more than one
 * project take a Viewer, so the filter cannot be forgotten (docs/decisions/0008).
 */
export interface Viewer {
  personId: number;
  sees: ReadonlySet<number>;
  manages: ReadonlySet<number>;
}

const managedProjectsQuery = () =>
  prepared("projects a person manages", (db) => {
    const managedProgrammes = db
      .select({ id: programmeRoles.programmeId })
      .from(programmeRoles)
      .where(and(eq(programmeRoles.personId, sql.placeholder("personId")), eq(programmeRoles.role, "manager")));
    const managedProjects = db
      .select({ id: projectRoles.projectId })
      .from(projectRoles)
      .where(and(eq(projectRoles.personId, sql.placeholder("personId")), eq(projectRoles.role, "manager")));
    return db
      .select({ id: projects.id })
      .from(projects)
      .where(or(inArray(projects.id, managedProjects), inArray(projects.programmeId, managedProgrammes)))
      .prepare();
  });

/** The Viewer of a signed-in user, or of any person (a digest recipient, `waymark flags --as`). */
export function viewerFor(who: { personId: number; isAdmin: boolean }): Viewer {
  const sees = new Set(visibleProjects(who).map((p) => p.id));
  if (who.isAdmin) return { personId: who.personId, sees, manages: sees };
  const manages = new Set(managedProjectsQuery().all({ personId: who.personId }).map((p) => p.id));
  return { personId: who.personId, sees, manages };
}

/** The Viewer of a person by id: an administrator when their login is one. */
export function viewerForPerson(personId: number): Viewer {
  const login = getDb().select({ isAdmin: users.isAdmin }).from(users).where(eq(users.personId, personId)).get();
  return viewerFor({ personId, isAdmin: Boolean(login?.isAdmin) });
}

/** Sees and manages every project: the command line without `--as`, and the system's own jobs. */
export function systemViewer(): Viewer {
  const all = new Set(getDb().select({ id: projects.id }).from(projects).all().map((p) => p.id));
  return { personId: 0, sees: all, manages: all };
}
