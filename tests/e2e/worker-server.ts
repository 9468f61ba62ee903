// One Waymark server per Playwright worker: its own copy of the seeded demo database, its own port,
// and its own loopback SMTP server whose messages the worker's specs read back in-process.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { E2E_TEMPLATE } from "./global-setup";
import { SERVER_NODE_FLAGS } from "../../scripts/server-flags";

export interface WorkerServer {
  baseURL: string;
  /** Every message the app has sent so far, parsed. */
  messages: ParsedMail[];
  databasePath: string;
}

let current: WorkerServer | undefined;

/** The messages this worker's server has sent, as the specs read them: to, subject, text, html. */
export function workerMailbox() {
  if (!current) throw new Error("No e2e server in this worker yet");
  return current.messages.map((m) => ({
    to: ([] as Array<{ text: string } | undefined>).concat(m.to as never).map((a) => a?.text ?? "").join(", "),
    subject: m.subject ?? "",
    text: m.text ?? "",
    html: typeof m.html === "string" ? m.html : "",
  }));
}

const BASE_PORT = Number(process.env.E2E_PORT ?? 3310);

async function startSmtp(messages: ParsedMail[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The e2e server exited (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The e2e server did not answer at ${url} within 60 s:\n${output()}`);
}

export async function startWorkerServer(workerIndex: number): Promise<WorkerServer & { stop(): Promise<void> }> {
  const port = BASE_PORT + workerIndex;
  const databasePath = path.resolve(`tests/.cache/e2e-worker-${workerIndex}.db`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.copyFileSync(E2E_TEMPLATE, databasePath);
  for (const secret of [".session-secret", ".audit-key"]) {
    if (fs.existsSync(E2E_TEMPLATE + secret)) fs.copyFileSync(E2E_TEMPLATE + secret, databasePath + secret);
  }
  const messages: ParsedMail[] = [];
  const smtp = await startSmtp(messages);
  const baseURL = `http://localhost:${port}`;
  let log = "";
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "server.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production" as const,
      PORT: String(port),
      DATABASE_PATH: databasePath,
      APP_URL: baseURL,
      SESSION_SECRET: "e2e-session-secret-not-for-production",
      RUN_SCHEDULER: "0",
      SMTP_URL: smtp.url,
      WAYMARK_BUILD_DIR: process.env.WAYMARK_BUILD_DIR ?? "build",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => {
    log += d;
    process.stderr.write(d);
  });
  await waitUntilUp(`${baseURL}/sign-in`, child, () => log);
  current = { baseURL, messages, databasePath };
  return {
    baseURL,
    messages,
    databasePath,
    async stop() {
      child.kill("SIGTERM");
      await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
      await smtp.close();
    },
  };
}
