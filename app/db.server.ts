import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "../db/schema";
import { getEnv } from "./env.server";

export type DB = BetterSQLite3Database<typeof schema>;
/** A transaction handle; services accept it so callers can compose writes in one transaction. */
export type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];
export type Conn = DB | Tx;

const here = path.dirname(fileURLToPath(import.meta.url));

/** db/migrations, found from the source tree (tsx, vitest) or from the built server (build/). */
export function migrationsFolder() {
  for (const candidate of [path.resolve(here, "../db/migrations"), path.resolve(process.cwd(), "db/migrations")]) {
    if (fs.existsSync(path.join(candidate, "meta/_journal.json"))) return candidate;
  }
  throw new Error("db/migrations not found");
}

/** The only place SQLite is configured: WAL, foreign keys, busy timeout. */
export function openDatabase(file: string) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(statementCache(sqlite), { schema });
  return { sqlite, db };
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * What drizzle is given instead of the connection itself: the same connection, but a statement is
 * prepared once per SQL text and kept (the last 500 used), where drizzle would prepare it again at
 * every call (a tenth of a small page's server time). Safe because drizzle only runs a statement to
 * completion (get/all/run, never a lasting iterate) and sets raw mode itself whenever it wants it.
 */
function statementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const client = {
    prepare(source: string) {
      let statement = cache.get(source);
      if (statement) {
        // Most recently used last, so the first key is the one to drop.
        cache.delete(source);
        if (statement.reader) statement.raw(false);
      } else {
        statement = sqlite.prepare(source);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(source, statement);
      return statement;
    },
    transaction: sqlite.transaction.bind(sqlite),
  };
  return client as unknown as Database.Database;
}

export function runMigrations(db: DB) {
  migrate(db, { migrationsFolder: migrationsFolder() });
}

/**
 * The migrations not yet applied to a database, by name (e.g. "0007_risk_register"). drizzle
 * applies, in journal order, every migration newer than the last one it recorded.
 */
export function pendingMigrations(sqlite: Database.Database): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), "meta/_journal.json"), "utf8")) as { entries: Array<{ tag: string; when: number }> };
  const recorded = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const last = recorded ? ((sqlite.prepare("SELECT max(created_at) AS last FROM __drizzle_migrations").get() as { last: number | null }).last ?? 0) : 0;
  return journal.entries.filter((e) => e.when > last).map((e) => e.tag);
}

/** Migrates the database file and says which migrations it applied (none: it was up to date). */
export function migrateDatabaseFile(file: string): string[] {
  const { sqlite, db } = openDatabase(file);
  try {
    const pending = pendingMigrations(sqlite);
    if (pending.length) runMigrations(db);
    return pending;
  } finally {
    sqlite.close();
  }
}

type Handle = ReturnType<typeof openDatabase>;
const globalForDb = globalThis as unknown as { __waymarkDb?: Handle & { file: string } };

/** The process-wide connection, opened and migrated on first use. */
function handle(): Handle {
  const file = getEnv().DATABASE_PATH;
  const existing = globalForDb.__waymarkDb;
  if (existing && existing.file === file) return existing;
  existing?.sqlite.close();
  const opened = openDatabase(file);
  runMigrations(opened.db);
  globalForDb.__waymarkDb = { ...opened, file };
  return opened;
}

export function getDb(): DB {
  return handle().db;
}

/**
 * A statement built and prepared once per database handle, for the queries every page runs
 * (the session, access): drizzle otherwise rebuilds the SQL string and better-sqlite3 prepares it
 * again at each call. `build` gets the handle and returns `query.prepare()`, with
 * `sql.placeholder("name")` for the values that vary; call `.get({ name })` / `.all({ name })`.
 */
export function prepared<T>(key: string, build: (db: DB) => T): T {
  const db = getDb();
  let statements = preparedByDb.get(db);
  if (!statements) {
    statements = new Map();
    preparedByDb.set(db, statements);
  }
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(key, statement);
  }
  return statement;
}
const preparedByDb = new WeakMap<DB, Map<string, unknown>>();

export function getSqlite() {
  return handle().sqlite;
}

type Sqlite = ReturnType<typeof getSqlite>;
const perConnection = new WeakMap<Sqlite, Map<(sqlite: Sqlite) => unknown, unknown>>();

/**
 * What `make` builds from a connection (better-sqlite3 statements written in SQL, rate limiters),
 * built once per connection: tests open a fresh database for each case, so it is not once per
 * process. `make` is the key, so pass a module-level function.
 */
export function onceFor<T>(make: (sqlite: Sqlite) => T, sqlite: Sqlite = getSqlite()): T {
  let made = perConnection.get(sqlite);
  if (!made) {
    made = new Map();
    perConnection.set(sqlite, made);
  }
  if (!made.has(make)) made.set(make, make(sqlite));
  return made.get(make) as T;
}

export function closeDb() {
  globalForDb.__waymarkDb?.sqlite.close();
  globalForDb.__waymarkDb = undefined;
}

/**
 * Runs a write transaction that takes the write lock at its start (BEGIN IMMEDIATE),
 * so concurrent writers queue on the busy timeout instead of failing with SQLITE_BUSY.
 */
export function write<T>(fn: (tx: Tx) => T): T {
  return getDb().transaction(fn, { behavior: "immediate" });
}

// ---------------------------------------------------------------- statement counting (tests)

let statementCount = 0;
let counting = false;

/**
 * Counts the SQL statements run (each get/all/run/iterate of a prepared statement, and each exec)
 * while `fn` runs: the regression guard of tests/integration/page-budget.test.ts, which fails a
 * change that makes a page run a query per row. The hook is installed on first use only, on
 * better-sqlite3's shared prototypes, and costs one boolean test per statement when not counting.
 */
export async function countStatements<T>(fn: () => T | Promise<T>): Promise<{ result: T; statements: number }> {
  installCounter();
  const start = statementCount;
  counting = true;
  try {
    const result = await fn();
    return { result, statements: statementCount - start };
  } finally {
    counting = false;
  }
}

let installed = false;
function installCounter() {
  if (installed) return;
  installed = true;
  const sqlite = getSqlite();
  const statementProto = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ["get", "all", "run", "iterate"]) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: unknown, ...args: unknown[]) {
      if (counting) statementCount++;
      return original.apply(this, args);
    };
  }
  const databaseProto = Object.getPrototypeOf(sqlite) as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ["exec", "pragma"]) {
    const original = databaseProto[method]!;
    databaseProto[method] = function (this: unknown, ...args: unknown[]) {
      if (counting) statementCount++;
      return original.apply(this, args);
    };
  }
}
