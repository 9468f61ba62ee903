import fs from "node:fs";
import path from "node:path";
import { getSqlite, migrateDatabaseFile } from "~/db.server";
import { getEnv } from "~/env.server";
import { systemActor } from "~/modules/audit/actor";
import { auditCommands } from "~/modules/audit/cli";
import { createUser, findUserByEmail, listUsers, setUserDisabled } from "~/modules/auth/service.server";
import { remindersCommand } from "~/modules/approval/cli";
import { governanceCommands } from "~/modules/board/cli";
import { digestCommand } from "~/modules/digest/cli";
import { listOutbox } from "~/modules/mail/mailer.server";
import { portabilityCommands } from "~/modules/portability/cli";
import { reportCommands } from "~/modules/report/cli";
import { timelineCommand } from "~/modules/schedule/cli";
import { sheetCommands } from "~/modules/sheet/cli";
import { UserInputError } from "~/utils/errors";
import { localSecretPath } from "~/utils/local-secret.server";
import type { Command } from "./main";
import { seedCommand } from "../../seeds/command";

const cliActor = () => systemActor(`cli:${process.env.USER ?? "unknown"}`);

export const commands: Record<string, Command> = {
  ...portabilityCommands,
  ...sheetCommands,
  ...auditCommands,
  ...governanceCommands,
  ...reportCommands,
  seed: seedCommand,
  digest: digestCommand,
  reminders: remindersCommand,
  timeline: timelineCommand,
  migrate: {
    summary: "Apply database migrations (also done at start-up)",
    usage: "waymark migrate",
    run(_v, _p, { out }) {
      const file = getEnv().DATABASE_PATH;
      const applied = migrateDatabaseFile(file);
      if (applied.length === 0) out(`Database ${file} is already up to date.`);
      else out(`Applied ${applied.length} ${applied.length === 1 ? "migration" : "migrations"} to ${file}:\n${applied.map((m) => `  ${m}`).join("\n")}`);
      return 0;
    },
  },
  "user create": {
    summary: "Create a user who can sign in",
    usage: 'waymark user create --email EMAIL --name "NAME" --password PASSWORD [--admin]',
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      admin: { type: "boolean" },
    },
    async run(values, _p, { out, err }) {
      const { email, name, password } = values as { email?: string; name?: string; password?: string };
      if (!email || !name || !password) {
        err("--email, --name and --password are all required.");
        return 2;
      }
      if (password.length < 12) {
        err("The password must be at least 12 characters.");
        return 2;
      }
      try {
        const user = await createUser(cliActor(), { email, name, password, isAdmin: Boolean(values.admin) });
        out(`Created user ${user.email} (id ${user.id}${user.isAdmin ? ", administrator" : ""}).`);
        return 0;
      } catch (error) {
        if (error instanceof UserInputError) {
          err(error.message);
          return 1;
        }
        throw error;
      }
    },
  },
  "user list": {
    summary: "List everyone who can sign in",
    usage: "waymark user list",
    run(_v, _p, { out }) {
      const users = listUsers();
      for (const u of users) {
        const flags = [u.isAdmin ? "administrator" : null, u.disabledAt ? "disabled" : null].filter(Boolean).join(", ");
        const org = u.organisationCode ? ` [${u.organisationCode}]` : "";
        const last = u.lastSignInAt ? `last signed in ${u.lastSignInAt}` : "never signed in";
        out(`${String(u.id).padStart(4)}  ${u.email}  ${u.name}${org}${flags ? ` (${flags})` : ""}  ${last}`);
      }
      out(`${users.length} ${users.length === 1 ? "user" : "users"}.`);
      return 0;
    },
  },
  "user disable": {
    summary: "Stop a user signing in and end their sessions at once",
    usage: "waymark user disable --email EMAIL",
    options: { email: { type: "string" } },
    run(values, _p, { out, err }) {
      const email = values.email as string | undefined;
      if (!email) {
        err("--email is required.");
        return 2;
      }
      const user = findUserByEmail(email);
      if (!user) {
        err(`No user has the email ${email}.`);
        return 1;
      }
      if (user.disabledAt) {
        out(`${user.email} is already disabled.`);
        return 0;
      }
      setUserDisabled(cliActor(), user.id, true);
      out(`Disabled ${user.email}; their sessions have been ended.`);
      return 0;
    },
  },
  outbox: {
    summary: "List the latest emails in the outbox (--limit N, default 20)",
    usage: "waymark outbox [--limit N]",
    options: { limit: { type: "string" } },
    run(values, _p, { out, err }) {
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        err("--limit must be a whole number from 1 to 1000.");
        return 2;
      }
      const { messages } = listOutbox({ limit });
      if (!messages.length) out("The outbox is empty.");
      for (const m of messages) out(`${String(m.id).padStart(5)}  ${m.createdAt}  ${m.status.padEnd(6)}  ${m.to}  ${m.subject}`);
      return 0;
    },
  },
  backup: {
    summary: "Copy the database to FILE with SQLite's online backup (safe while the app runs)",
    usage: "waymark backup FILE",
    async run(_v, positionals, { out, err }) {
      const file = positionals[0];
      if (!file) {
        err("Name the file to write, e.g. waymark backup backups/waymark-2026-11-22.db");
        return 2;
      }
      await getSqlite().backup(file);
      out(`Backed up to ${file}.`);
      // The audit key verifies the audit trail and the session secret keeps people signed in: a
      // restore needs them, so they travel beside the copy, readable by their owner only.
      const databasePath = getEnv().DATABASE_PATH;
      for (const name of ["audit-key", "session-secret"] as const) {
        const source = localSecretPath(databasePath, name);
        if (!fs.existsSync(source)) continue;
        const target = localSecretPath(file, name);
        fs.copyFileSync(source, target);
        fs.chmodSync(target, 0o600);
        out(`Copied ${path.basename(source)} to ${target}: keep it with the copy (a restore needs it), and as private.`);
      }
      return 0;
    },
  },
};
