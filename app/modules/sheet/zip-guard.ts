// Checks an XLSX (a ZIP archive) before exceljs unpacks it, so a decompression bomb is refused in
// milliseconds instead of filling memory: exceljs (through JSZip) inflates every entry whole.
// The central directory's declared sizes are checked first; then each entry is inflated with a
// cap of its declared size, so an entry that lies about its size is caught after at most that
// many bytes. No I/O; node:zlib does the inflating.
import { inflateRawSync } from "node:zlib";

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxUnzippedBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUnzippedBytes: 100 * 1024 * 1024, maxEntries: 5_000 };

export type ZipCheck = { ok: true; names: string[]; unzippedBytes: number } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array) {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const BOMB = "The file unpacks to far more data than a spreadsheet holds (it looks like a ZIP bomb), so it was not opened.";
const BROKEN = "The file is damaged: it is not a complete Excel workbook. Save it again from Excel and upload it again.";

/** Reads the ZIP's central directory and checks every entry's real size against the limits. */
export function checkZip(bytes: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipCheck {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: BROKEN };
  const entries = bytes.readUInt16LE(eocd + 10);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: "The workbook uses ZIP64, which Waymark does not read: save it again from Excel as .xlsx." };
  if (entries > limits.maxEntries) return { ok: false, reason: BOMB };

  const names: string[] = [];
  let declaredTotal = 0;
  let p = cdOffset;
  const found: Array<{ method: number; compressed: number; size: number; local: number }> = [];
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: BROKEN };
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    names.push(bytes.toString("utf8", p + 46, p + 46 + nameLength));
    declaredTotal += size;
    if (size === 0xffffffff || declaredTotal > limits.maxUnzippedBytes) return { ok: false, reason: BOMB };
    found.push({ method, compressed, size, local });
    p += 46 + nameLength + extra + comment;
  }

  // Declared sizes can lie: inflate each entry, never past what it declared.
  for (const e of found) {
    if (e.local + 30 > bytes.length || bytes.readUInt32LE(e.local) !== LOCAL) return { ok: false, reason: BROKEN };
    const start = e.local + 30 + bytes.readUInt16LE(e.local + 26) + bytes.readUInt16LE(e.local + 28);
    const data = bytes.subarray(start, start + e.compressed);
    if (data.length !== e.compressed) return { ok: false, reason: BROKEN };
    if (e.method === 0) {
      if (e.compressed !== e.size) return { ok: false, reason: BROKEN };
      continue;
    }
    if (e.method !== 8) return { ok: false, reason: "The workbook is compressed in a way Excel does not use: save it again from Excel as .xlsx." };
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
      if (out.length !== e.size) return { ok: false, reason: BROKEN };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { ok: false, reason: code === "ERR_BUFFER_TOO_LARGE" ? BOMB : BROKEN };
    }
  }
  return { ok: true, names, unzippedBytes: declaredTotal };
}
