// The download routes' one body: access checked as for the register page (404 for a project the
// person may not see), the page's query string honoured, the file sent as an attachment.
import { requireProjectAccess, viewerFor, visibleProjects } from "~/modules/auth/access.server";
import { UserInputError } from "~/utils/errors";
import { exportFileName } from "./cells";
import { programmeRisks } from "~/modules/risk/route.server";
import { exportProgrammeRisks, exportRegister, type ExportFormat, type ExportKind } from "./export.server";
import { CSV_TYPE, XLSX_TYPE } from "./workbook";

function fileResponse(body: Buffer, format: ExportFormat, fileName: string) {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": format === "xlsx" ? XLSX_TYPE : CSV_TYPE,
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Content-Length": String(body.length),
      "Cache-Control": "private, no-store",
    },
  });
}

const badInput = (error: UserInputError) => new Response(error.message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** A programme's own risk register: access as for its page (404 when the programme may not be seen). */
export async function programmeRiskDownload(request: Request, slug: string | undefined, format: ExportFormat) {
  const { viewer, scope, today } = await programmeRisks(request, slug, "read");
  try {
    const { body, asOf } = await exportProgrammeRisks({ programmeId: scope.programmeId, search: new URL(request.url).searchParams, viewer, format, today });
    return fileResponse(body, format, exportFileName(slug ?? "programme", "programme-risks", asOf, format));
  } catch (error) {
    if (error instanceof UserInputError) return badInput(error);
    throw error;
  }
}

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
    return fileResponse(body, format, exportFileName(project.slug, kind, asOf, format));
  } catch (error) {
    if (error instanceof UserInputError) return badInput(error);
    throw error;
  }
}
