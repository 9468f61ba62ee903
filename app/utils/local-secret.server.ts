// Secrets an install makes for itself on first start, so the two-command demo needs no
// configuration and no two installs share a value. Each lives in a file beside the database
// (never inside it), readable by its owner only: a copy of the database alone does not carry it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type LocalSecretName = "session-secret" | "audit-key";

/** `data/waymark.db` → `data/waymark.db.audit-key`. */
export function localSecretPath(databasePath: string, name: LocalSecretName) {
  return `${path.resolve(databasePath)}.${name}`;
}

const cache = new Map<string, string>();

/**
 * The secret stored beside the database, created (256 random bits, hex, mode 0600) when absent.
 * Creation is race-free across processes: the value is written to a private temporary file and
 * hard-linked into place, which fails if another process got there first; then both read the winner.
 */
export function localSecret(databasePath: string, name: LocalSecretName): string {
  const file = localSecretPath(databasePath, name);
  const known = cache.get(file);
  if (known) return known;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(temp, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    try {
      fs.linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  const value = fs.readFileSync(file, "utf8").trim();
  if (value.length < 32) throw new Error(`${file} holds no usable secret: delete it to make a new one`);
  cache.set(file, value);
  return value;
}
