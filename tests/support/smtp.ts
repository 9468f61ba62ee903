// A real SMTP server on loopback for tests: messages the app sends arrive here, parsed, so a test
// can read them back (and follow their links) as a person would.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { resetEnvCache } from "~/env.server";

export interface SmtpServerOptions {
  /** Recipients for which the server answers 550 at RCPT TO, so the send fails. */
  rejectRecipient?: (address: string) => boolean;
  /** Also set process.env.SMTP_URL to this server (restored by close()). Default true. */
  setEnv?: boolean;
  /** Listen on this port (default: any free port). */
  port?: number;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Resolves with the first received message matching the predicate (waiting up to timeoutMs). */
  waitFor(predicate?: (m: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          for (const l of listeners) l();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const url = `smtp://127.0.0.1:${port}`;
  const previous = process.env.SMTP_URL;
  const setEnv = options.setEnv ?? true;
  if (setEnv) {
    process.env.SMTP_URL = url;
    resetEnvCache();
  }

  function waitFor(predicate: (m: ParsedMail) => boolean = () => true, timeoutMs = 5000) {
    return new Promise<ParsedMail>((resolve, reject) => {
      const check = () => {
        const found = messages.find(predicate);
        if (!found) return false;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`No matching message arrived within ${timeoutMs} ms (${messages.length} received)`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  }

  return {
    url,
    port,
    messages,
    waitFor,
    async close() {
      if (setEnv) {
        if (previous === undefined) delete process.env.SMTP_URL;
        else process.env.SMTP_URL = previous;
        resetEnvCache();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
