import type { Transporter } from "nodemailer";
import { desc, eq, lt } from "drizzle-orm";
import { outbox } from "#db/schema";
import { getDb, write } from "~/db.server";
import { getEnv } from "~/env.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A message with the same key is only ever sent once (digests, reminders, ballots). */
  dedupeKey?: string;
  /**
   * Strings (ballot tokens) that go to the recipient but are never written to the database:
   * the outbox keeps a copy with each one replaced, and only the message in memory carries them.
   */
  secrets?: string[];
}

export const SECRET_REMOVED = "[personal link removed]";

function withoutSecrets(value: string, secrets: string[]) {
  return secrets.reduce((v, secret) => (secret ? v.split(secret).join(SECRET_REMOVED) : v), value);
}

export interface SendResult {
  id: number | null;
  duplicate: boolean;
  status: "stored" | "sent" | "failed";
}

let transporter: { url: string; t: Transporter } | undefined;
async function smtp(url: string) {
  // Short timeouts: a mail server that hangs must not hold a person's request for minutes.
  if (transporter?.url !== url) {
    const { default: nodemailer } = await import("nodemailer"); // loaded on first use (decision 26)
    transporter = { url, t: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return transporter.t;
}

/**
 * The one way Waymark sends mail. Every message is recorded in the outbox table first (so an
 * administrator can read it, and a dedupe key makes a retry harmless); with SMTP_URL set it is
 * then delivered over SMTP and marked sent or failed.
 */
export async function sendMail({ secrets = [], ...message }: MailMessage): Promise<SendResult> {
  const env = getEnv();
  const transport = env.SMTP_URL ? "smtp" : "outbox";
  const stored = { ...message, text: withoutSecrets(message.text, secrets), html: withoutSecrets(message.html, secrets) };
  const row = write((tx) =>
    tx
      .insert(outbox)
      .values({ ...stored, dedupeKey: message.dedupeKey ?? null, transport, status: "stored" })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id })
      .get(),
  );
  if (!row) return { id: null, duplicate: true, status: "stored" };
  if (!env.SMTP_URL) return { id: row.id, duplicate: false, status: "stored" };
  try {
    await (await smtp(env.SMTP_URL)).sendMail({ from: env.MAIL_FROM, to: message.to, subject: message.subject, text: message.text, html: message.html });
    write((tx) => tx.update(outbox).set({ status: "sent" }).where(eq(outbox.id, row.id)).run());
    return { id: row.id, duplicate: false, status: "sent" };
  } catch (error) {
    write((tx) => tx.update(outbox).set({ status: "failed", error: String((error as Error).message) }).where(eq(outbox.id, row.id)).run());
    return { id: row.id, duplicate: false, status: "failed" };
  }
}

export function getOutboxMessage(id: number) {
  return getDb().select().from(outbox).where(eq(outbox.id, id)).get();
}

/** Stored messages, newest first; `before` (an id) pages back through older ones. */
export function listOutbox({ limit = 50, before }: { limit?: number; before?: number } = {}) {
  const rows = getDb()
    .select({
      id: outbox.id,
      to: outbox.to,
      subject: outbox.subject,
      status: outbox.status,
      transport: outbox.transport,
      error: outbox.error,
      createdAt: outbox.createdAt,
    })
    .from(outbox)
    .where(before ? lt(outbox.id, before) : undefined)
    .orderBy(desc(outbox.id))
    .limit(limit + 1)
    .all();
  return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
}
