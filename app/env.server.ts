import { z } from "zod";

// Parsed once at start-up: a missing or malformed variable stops the app with a message naming it.
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("./data/waymark.db"),
    SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    AUDIT_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    APP_URL: z.url().optional(),
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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; APP_URL: string };

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  cached = {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "waymark-local-development-secret",
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
