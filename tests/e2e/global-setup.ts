// Starts the loopback SMTP server the e2e app sends its mail to (at the port in E2E_SMTP_URL, set
// by playwright.config.ts), and a small HTTP mailbox beside it (SMTP port + 1000) so specs, which
// run in worker processes, can read the messages: GET /messages gives them all as JSON.
import http from "node:http";
import { startSmtpServer } from "../support/smtp";

export const mailboxPort = (smtpUrl = process.env.E2E_SMTP_URL ?? "") => Number(new URL(smtpUrl).port) + 1000;

export default async function globalSetup() {
  const smtpUrl = process.env.E2E_SMTP_URL;
  if (!smtpUrl) return;
  const smtp = await startSmtpServer({ setEnv: false, port: Number(new URL(smtpUrl).port) });
  const mailbox = http.createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/messages") {
      res.writeHead(404).end();
      return;
    }
    const messages = smtp.messages.map((m) => ({
      to: ([] as Array<{ text: string } | undefined>).concat(m.to as never).map((a) => a?.text ?? "").join(", "),
      subject: m.subject ?? "",
      text: m.text ?? "",
      html: typeof m.html === "string" ? m.html : "",
    }));
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(messages));
  });
  await new Promise<void>((resolve, reject) => {
    mailbox.once("error", reject);
    mailbox.listen(mailboxPort(smtpUrl), "127.0.0.1", () => resolve());
  });
  return async () => {
    await new Promise<void>((resolve) => mailbox.close(() => resolve()));
    await smtp.close();
  };
}
