// The import pages' server side, so their routes stay thin: who may import (the project's managers
// only), reading the upload form, and the preview page's two forms (change the mapping; confirm).
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { SHEET_IMPORT_KINDS, type SheetImportKind } from "#db/schema";
import { todayInLondon } from "~/modules/action/rules";
import { requireProjectAccess } from "~/modules/auth/access.server";
import { actorFor } from "~/modules/auth/session.server";
import { UserInputError } from "~/utils/errors";
import { failure, formValues, type FormValues } from "~/utils/forms";
import { normaliseHeader } from "./columns";
import type { PreviewRow } from "./action-import";
import { applyImport, previewOf, readUpload, type ImportView } from "./import.server";
import type { RiskPreviewRow } from "./risk-import";
import { readSpreadsheet } from "./read";
import { choiceOf, getUpload, readImportForm, saveChoice, sizeLimitText, storeUpload, type Choice } from "./upload.server";

export async function importPlace(request: Request, slug: string | undefined) {
  const { user, project } = await requireProjectAccess(request, slug, "manage");
  return { user, project, actor: actorFor(user, request), base: `/projects/${project.slug}/import` };
}

const kindSchema = z.enum(SHEET_IMPORT_KINDS, { error: "Choose what the spreadsheet holds" });

/** POST of the upload form: refused files write nothing and come back with the choice kept. */
export async function uploadAction(request: Request, slug: string | undefined) {
  const { user, project, actor, base } = await importPlace(request, slug);
  const read = await readImportForm(request);
  const values: FormValues = read.form ? formValues(read.form) : {};
  delete values.file;
  const kind = kindSchema.safeParse(values.kind);
  if (!read.ok) return json(failure({ file: read.message, ...(kind.success ? {} : { kind: kind.error.issues[0]!.message }) }, values), { status: 400 });
  const file = read.form.get("file");
  if (!kind.success) return json(failure({ kind: kind.error.issues[0]!.message }, values), { status: 400 });
  if (!(file instanceof File) || file.size === 0 || !file.name) return json(failure({ file: file instanceof File && file.name ? "The file is empty" : "Choose a spreadsheet file to upload" }, values), { status: 400 });
  const bytes = Buffer.from(await file.arrayBuffer());
  const sheet = await readSpreadsheet(bytes, file.name);
  if (!sheet.ok) return json(failure({ file: sheet.reason }, values), { status: 400 });
  const token = storeUpload({ actor, projectId: project.id, personId: user.personId, kind: kind.data, fileName: file.name.slice(0, 200), format: sheet.format, bytes, choice: {} });
  return redirect(`${base}/${token}`);
}

/** The preview page's data: the upload (its uploader's only) read and compared with the project now. */
export async function previewLoader(request: Request, slug: string | undefined, token: string | undefined) {
  const { user, project, base } = await importPlace(request, slug);
  const upload = getUpload({ token: token ?? "", projectId: project.id, personId: user.personId });
  try {
    const view = previewOf(await readUpload(upload), { kind: upload.kind, projectId: project.id, choice: choiceOf(upload), today: todayInLondon() });
    return { ok: true as const, base, projectId: project.id, upload: { fileName: upload.fileName, kind: upload.kind }, view: trimmed(view) };
  } catch (error) {
    if (error instanceof UserInputError) return { ok: false as const, base, projectId: project.id, upload: { fileName: upload.fileName, kind: upload.kind }, message: error.message };
    throw error;
  }
}

/** A preview of 10,000 rows lists the rows that change (the first 500 of them); the counts say the rest. */
const SHOWN_ROWS = 500;
function trimmed(view: ImportView) {
  if (!view.preview) return { ...view, preview: null, hiddenRows: 0 };
  const rows: Array<Omit<PreviewRow, "values"> | Omit<RiskPreviewRow, "values">> = [];
  let interesting = 0;
  for (const { values: _v, ...r } of view.preview.rows as Array<PreviewRow | RiskPreviewRow>) {
    if (r.outcome === "unchanged") continue;
    interesting++;
    if (rows.length < SHOWN_ROWS) rows.push(r);
  }
  return { ...view, preview: { ...view.preview, rows }, hiddenRows: interesting - rows.length };
}

const FIELD_PREFIX = "column:";
const OWNER_PREFIX = "owner:";

/** The mapping form: sheet, header row, a field per column ("column:<n>"), a person per unknown owner ("owner:<name>"). */
export function choiceFrom(
  values: FormValues,
  shown: { sheet: string; headerRow: number | null; headers: string[] },
  previous: Choice,
): { ok: true; choice: Choice } | { ok: false; errors: Record<string, string> } {
  const choice: Choice = { ...previous };
  if (typeof values.sheet === "string" && values.sheet && values.sheet !== shown.sheet) {
    // Another sheet has other columns: start again from what is remembered or detected.
    return { ok: true, choice: { sheet: values.sheet, owners: previous.owners } };
  }
  const row = typeof values.headerRow === "string" ? values.headerRow.trim() : "";
  if (row) {
    if (!/^\d+$/.test(row) || Number(row) < 1 || Number(row) > 1000) return { ok: false, errors: { headerRow: "Enter the number of the row that has the column headings, like 4" } };
    if (Number(row) !== shown.headerRow) {
      return { ok: true, choice: { ...previous, headerRow: Number(row), columns: previous.columns } };
    }
  }
  const columns = { ...(previous.columns ?? {}) };
  shown.headers.forEach((h, i) => {
    const v = values[`${FIELD_PREFIX}${i}`];
    if (typeof v === "string") columns[normaliseHeader(h) || `column ${i + 1}`] = v;
  });
  const owners = { ...(previous.owners ?? {}) };
  for (const [k, v] of Object.entries(values)) if (k.startsWith(OWNER_PREFIX) && typeof v === "string" && v !== "?") owners[k.slice(OWNER_PREFIX.length)] = v;
  return { ok: true, choice: { ...choice, columns, owners } };
}

export async function previewAction(request: Request, slug: string | undefined, token: string | undefined) {
  const { user, project, actor, base } = await importPlace(request, slug);
  const upload = getUpload({ token: token ?? "", projectId: project.id, personId: user.personId });
  const values = formValues(await request.formData());
  const sheets = await readUpload(upload);
  const previous = choiceOf(upload);
  if (values.intent === "confirm") {
    try {
      const result = applyImport({
        actor,
        sheets,
        kind: upload.kind as SheetImportKind,
        projectId: project.id,
        choice: previous,
        fingerprint: typeof values.fingerprint === "string" ? values.fingerprint : "",
        fileName: upload.fileName,
        uploadId: upload.id,
      });
      const c = result.counts;
      return redirect(`${base}?kind=${upload.kind}&done=${c.create}.${c.update}.${c.unchanged}.${result.notes}`);
    } catch (error) {
      if (error instanceof UserInputError) return json(failure(error.fieldErrors, values), { status: 400 });
      throw error;
    }
  }
  const view = previewOf(sheets, { kind: upload.kind, projectId: project.id, choice: previous, today: todayInLondon() });
  const next = choiceFrom(values, { sheet: view.sheet, headerRow: view.layout ? view.layout.headerRow + 1 : null, headers: view.layout?.headers ?? [] }, previous);
  if (!next.ok) return json(failure(next.errors, values), { status: 400 });
  saveChoice({ actor, upload, choice: next.choice });
  return redirect(`${base}/${token}`);
}

export { sizeLimitText };
