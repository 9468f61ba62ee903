// The download routes' one body: access checked as for the register page (404 for a project the
// person may not see), the page's query string honoured, the file sent as an attachment.
import { requireProjectAccess, viewerFor, visibleProjects } from "~/modules/auth/access.server";
import { UserInputError } from "~/utils/errors";
import { exportFileName } from "./cells";
import { exportRegister, type ExportFormat, type ExportKind } from "./export.server";
import { CSV_TYPE, XLSX_TYPE } from "./workbook";

export async function registerDownload(request: Request, slug: string | undefined, kind: ExportKind, format: ExportFormat) {
  const { user, project } = await requireProjectAccess(request, slug, "read");
  const visible = new Set(visibleProjects(user).map((p) => p.id));
  try {
    const { body, asOf } = await exportRegister({
      kind,
      format,
      project,
      search: new URL(request.url).searchParams,
      canSee: (id) => id === project.id || visible.has(id),
      viewer: viewerFor(user),
    });
    return new Response(new Uint8Array(body), {
      headers: {
        "Content-Type": format === "xlsx" ? XLSX_TYPE : CSV_TYPE,
        "Content-Disposition": `attachment; filename="${exportFileName(project.slug, kind, asOf, format)}"`,
        "Content-Length": String(body.length),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof UserInputError)
      return new Response(error.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
