import fs from "node:fs";
import net from "node:net";
import { z } from "zod";
import { localSecret } from "~/utils/local-secret.server";

// Every setting Waymark reads, for the app, the CLI and server.js alike (server.js gets getEnv
// through the build's entry module). Parsed once: a missing or malformed variable stops the app
// with a message naming it. Every variable has a working local default, so the demo needs none.

// Values that once appeared in Waymark's own files: anyone could sign sessions with them.
const PUBLIC_SECRETS = new Set(["change-me-for-anything-but-local-use", "waymark-local-development-secret"]);

const NAMED_PROXIES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address or subnet Express can trust as a proxy: "loopback", "10.0.0.0/8", "::1"... */
function isProxyAddress(entry: string) {
  if (NAMED_PROXIES.has(entry)) return true;
  const [address, bits, extra] = entry.split("/");
  if (extra !== undefined || !address) return false;
  const family = net.isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * Express's "trust proxy": false (the client's own address), a number of hops, or a list of
 * addresses and subnets. Default "loopback": a reverse proxy on the same machine.
 */
const trustProxy = z
  .string()
  .trim()
  .default("loopback")
  .transform((value, ctx): boolean | number | string[] => {
    if (value === "false" || value === "0") return false;
    if (value === "true") return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(",").map((e) => e.trim());
    const bad = entries.find((e) => !isProxyAddress(e));
    if (bad !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `"${bad}" is not an address, a subnet or one of loopback, linklocal, uniquelocal (or use false, true, or a number of hops)`,
      });
      return z.NEVER;
    }
    return entries;
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z
    .string()
    .trim()
    .default("3000")
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, "must be a whole number from 1 to 65535")
    .transform(Number),
  DATABASE_PATH: z.string().min(1).default("./data/waymark.db"),
  // Absent: a random secret is made on first start and kept beside the database (owner-only).
  SESSION_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .string()
        .min(16, "must be at least 16 characters (or leave it unset to have one generated)")
        .refine((v) => !PUBLIC_SECRETS.has(v), "is a value published in Waymark's source: choose your own, or leave it unset")
        .optional(),
    ),
  // Absent: the audit chain's key is made on first start and kept beside the database (owner-only).
  AUDIT_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().min(32, "must be at least 32 characters (or leave it unset to have one generated)").optional()),
  APP_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v.trim() : undefined))
    .pipe(
      z
        .url({ protocol: /^https?$/, error: "must be the address people use, like https://waymark.council.gov.uk" })
        .optional(),
    ),
  TRUST_PROXY: trustProxy,
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.url().optional()),
  MAIL_FROM: z.string().min(3).default("Waymark <waymark@localhost>"),
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM")
    .default("07:00"),
  RUN_SCHEDULER: z.enum(["0", "1"]).default("1"),
  // The largest spreadsheet a manager may import, in megabytes (server.js lets multipart bodies that big through to the import page).
  SHEET_IMPORT_MAX_MB: z
    .string()
    .trim()
    .default("10")
    .refine((v) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0 && Number(v) <= 200, "must be a number of megabytes from 0.1 to 200")
    .transform(Number),
  // Read-only API requests per personal access token per minute (app/modules/api/handler.server.ts).
  WAYMARK_API_RATE_LIMIT: z
    .string()
    .trim()
    .default("600")
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1, "must be a whole number of requests a minute, 1 or more")
    .transform(Number),
});

export type Env = Omit<z.infer<typeof schema>, "SESSION_SECRET" | "APP_URL"> & {
  SESSION_SECRET: string;
  APP_URL: string;
  /** Where SESSION_SECRET came from: the environment, or the file beside the database. */
  sessionSecretSource: "environment" | "generated";
};

/** Parses a set of variables (process.env by default); throws one message naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? localSecret(env.DATABASE_PATH, "session-secret"),
    sessionSecretSource: env.SESSION_SECRET ? "environment" : "generated",
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

let dotEnvLoaded = false;

/**
 * Loads `.env` from the working directory when there is one. Variables already set in the
 * environment win over the file. Tests never read a developer's .env.
 */
export function loadDotEnv(file = ".env", { evenInTests = false } = {}) {
  if (!evenInTests && (dotEnvLoaded || process.env.NODE_ENV === "test" || process.env.VITEST)) return false;
  dotEnvLoaded = true;
  if (!fs.existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  loadDotEnv();
  cached = parseEnv(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
