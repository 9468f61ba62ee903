// Uploaded spreadsheets between preview and confirmation, and the column mappings remembered per
// project. The file waits in the database under a random token (only its sha256 is stored) for an
// hour, for the person who uploaded it only (docs/decisions/0017).
import { createHash, randomBytes } from "node:crypto";
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { and, eq, lt } from "drizzle-orm";
import { sheetMappings, sheetUploads, type SheetImportKind } from "#db/schema";
import { getDb, write, type Conn, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Actor } from "~/modules/audit/actor";
import { recordAudit } from "~/modules/audit/service.server";
import { notFound } from "~/utils/errors";
import type { RememberedColumns } from "./columns";
import type { OwnerAliases } from "./rows";

export const UPLOAD_LIFETIME_MS = 60 * 60 * 1000;

export type Upload = typeof sheetUploads.$inferSelect;

/** What the manager chose on the preview page: the sheet, the header row, each column's field, owners' names. */
export interface Choice {
  sheet?: string;
  /** Header row, from 1 as Excel numbers rows. */
  headerRow?: number;
  columns?: RememberedColumns;
  owners?: OwnerAliases;
}

export interface Remembered {
  columns: RememberedColumns;
  owners: OwnerAliases;
}

export function maxImportBytes() {
  return Math.round(getEnv().SHEET_IMPORT_MAX_MB * 1024 * 1024);
}

export function sizeLimitText(bytes = maxImportBytes()) {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/**
 * The import form's fields and file, reading no more of the file than the limit. A file over the
 * limit (or a body that is not a form) gives an error message instead of throwing.
 */
export async function readImportForm(request: Request): Promise<{ ok: true; form: FormData } | { ok: false; message: string; form: FormData | null }> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) {
    // The form without a file input (JavaScript can't change that), or a hand-made request.
    try {
      return { ok: false, message: "Choose a spreadsheet file to upload", form: await request.formData() };
    } catch {
      return { ok: false, message: "Choose a spreadsheet file to upload", form: null };
    }
  }
  const limit = maxImportBytes();
  try {
    const form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: limit }));
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, message: `The file is larger than ${sizeLimitText(limit)}, the most Waymark imports`, form: null };
    return { ok: false, message: "The file could not be read from the form. Choose it again and upload it.", form: null };
  }
}

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** Keeps the file for the preview; the same person's earlier upload to this project is dropped. */
export function storeUpload(input: { actor: Actor; projectId: number; personId: number; kind: SheetImportKind; fileName: string; format: "xlsx" | "csv"; bytes: Buffer; choice: Choice; now?: Date }) {
  const now = input.now ?? new Date();
  const token = randomBytes(24).toString("base64url");
  write((tx) => {
    tx.delete(sheetUploads).where(lt(sheetUploads.expiresAt, now.toISOString())).run();
    tx.delete(sheetUploads)
      .where(and(eq(sheetUploads.projectId, input.projectId), eq(sheetUploads.personId, input.personId)))
      .run();
    const row = tx
      .insert(sheetUploads)
      .values({
        tokenHash: hash(token),
        projectId: input.projectId,
        personId: input.personId,
        kind: input.kind,
        fileName: input.fileName,
        format: input.format,
        bytes: input.bytes,
        choice: JSON.stringify(input.choice),
        expiresAt: new Date(now.getTime() + UPLOAD_LIFETIME_MS).toISOString(),
      })
      .returning({ id: sheetUploads.id })
      .get();
    recordAudit(tx, {
      actor: input.actor,
      event: "sheet.upload",
      entityType: "sheet_upload",
      entityId: row.id,
      projectId: input.projectId,
      after: { kind: input.kind, fileName: input.fileName, format: input.format, bytes: input.bytes.length },
    });
  });
  return token;
}

/** The upload behind a preview link: only its uploader's, only in its project, only until it expires; otherwise 404. */
export function getUpload({ token, projectId, personId, now = new Date() }: { token: string; projectId: number; personId: number; now?: Date }, db: Conn = getDb()): Upload {
  const row = db.select().from(sheetUploads).where(eq(sheetUploads.tokenHash, hash(token))).get();
  if (!row || row.projectId !== projectId || row.personId !== personId || row.expiresAt < now.toISOString()) notFound("This upload has expired or is not yours: upload the file again");
  return row;
}

export function choiceOf(upload: Upload): Choice {
  return JSON.parse(upload.choice) as Choice;
}

export function saveChoice({ actor, upload, choice }: { actor: Actor; upload: Upload; choice: Choice }) {
  write((tx) => {
    tx.update(sheetUploads).set({ choice: JSON.stringify(choice) }).where(eq(sheetUploads.id, upload.id)).run();
    recordAudit(tx, { actor, event: "sheet.mapping", entityType: "sheet_upload", entityId: upload.id, projectId: upload.projectId, after: { ...choice } });
  });
}

export function rememberedMapping({ projectId, kind }: { projectId: number; kind: SheetImportKind }, db: Conn = getDb()): Remembered {
  const row = db
    .select({ mapping: sheetMappings.mapping })
    .from(sheetMappings)
    .where(and(eq(sheetMappings.projectId, projectId), eq(sheetMappings.kind, kind)))
    .get();
  const parsed = row ? (JSON.parse(row.mapping) as Partial<Remembered>) : {};
  return { columns: parsed.columns ?? {}, owners: parsed.owners ?? {} };
}

/** Called inside the import's own transaction: the mapping is remembered when an import is confirmed. */
export function rememberMapping(tx: Tx, { projectId, kind, remembered }: { projectId: number; kind: SheetImportKind; remembered: Remembered }) {
  const mapping = JSON.stringify(remembered);
  tx.insert(sheetMappings)
    .values({ projectId, kind, mapping })
    .onConflictDoUpdate({ target: [sheetMappings.projectId, sheetMappings.kind], set: { mapping, updatedAt: new Date().toISOString() } })
    .run();
}

export function deleteUpload(tx: Tx, uploadId: number) {
  tx.delete(sheetUploads).where(eq(sheetUploads.id, uploadId)).run();
}
