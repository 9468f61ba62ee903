// Pure parts of personal access tokens: making one, recognising its shape. No I/O.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "wmk_";

/** 32 random bytes (256 bits), base64url: shown once, never stored. */
export function newToken(random: (n: number) => Buffer = randomBytes): string {
  return TOKEN_PREFIX + random(32).toString("base64url");
}

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** What a list shows to tell tokens apart: "wmk_Ab3d…". */
export const displayPrefix = (token: string) => `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;

/** The token from `Authorization: Bearer …`, or null. */
export function bearerToken(header: string | null): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}
