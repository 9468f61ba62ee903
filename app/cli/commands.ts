import { getDb, getSqlite, runMigrations } from "~/db.server";
import { systemActor } from "~/modules/audit/actor";
import { verifyAuditChain } from "~/modules/audit/service.server";
import { createUser } from "~/modules/auth/service.server";
import { UserInputError } from "~/utils/errors";
import type { Command } from "./main";

const cliActor = () => systemActor(`cli:${process.env.USER ?? "unknown"}`);

export const commands: Record<string, Command> = {
  migrate: {
    summary: "Apply database migrations (also done at start-up)",
    usage: "waymark migrate",
    run(_v, _p, { out }) {
      runMigrations(getDb());
      out("Database is up to date.");
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
      if (password.length < 10) {
        err("The password must be at least 10 characters.");
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
  "audit verify": {
    summary: "Check the audit trail's hash chain is whole",
    usage: "waymark audit verify",
    run(_v, _p, { out, err }) {
      const result = verifyAuditChain(getSqlite());
      if (result.ok) {
        out(`Audit trail intact: ${result.count} events verified.`);
        return 0;
      }
      err(`Audit trail broken at event ${result.brokenId}: ${result.reason}.`);
      return 1;
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
      return 0;
    },
  },
};
