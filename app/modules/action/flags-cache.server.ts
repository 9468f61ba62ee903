// The flag rules' results, kept per database connection while what they read is unchanged.
// The key is the version of the rules' inputs (a number bumped by triggers on every write to
// actions, owners, notes, due-date moves, milestones, dependencies and projects, in the writing
// transaction, from any process: migration 0013), the as-of date and the question asked. A new
// version empties the cache, so a result is never older than the data it is read with.
// Nothing is kept while a transaction is open: a rolled-back write would take its version back.
// Results are frozen: every reader shares them, so none may change them. docs/decisions/0010.
import { onceFor, type getSqlite } from "~/db.server";
import { FlagsById } from "./rules";

type Database = ReturnType<typeof getSqlite>;

/** Entries kept per connection: a programme's flags for a few dates and the pages' own questions. */
const MAX_ENTRIES = 48;

interface Cache {
  version: number | bigint | null;
  entries: Map<string, unknown>;
  read: { get(): unknown };
}

const newCache = (db: Database): Cache => ({ version: null, entries: new Map(), read: db.prepare("select version from flag_inputs_version where id = 1").pluck() });
const cacheFor = (db: Database) => onceFor(newCache, db);

/** `compute()`'s result for `key` at the current version of the rules' inputs, worked out once. */
export function cachedFlags<T>(db: Database, key: string, compute: () => T): T {
  if (db.inTransaction) return compute();
  const cache = cacheFor(db);
  const version = cache.read.get() as number | undefined;
  if (version === undefined) return compute();
  if (version !== cache.version) {
    cache.entries.clear();
    cache.version = version;
  }
  if (cache.entries.has(key)) {
    const hit = cache.entries.get(key) as T;
    // Most recently used last, so the oldest entry is the first to go.
    cache.entries.delete(key);
    cache.entries.set(key, hit);
    return hit;
  }
  const value = deepFreeze(compute());
  if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
  cache.entries.set(key, value);
  return value;
}

/** Forgets every kept result (tests that compare a cached answer with a fresh one). */
export function clearFlagsCache(db: Database) {
  cacheFor(db).entries.clear();
}

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || Object.isFrozen(v)) continue;
    Object.freeze(v);
    if (v instanceof FlagsById) {
      stack.push(v.allLists()); // not its id table or the caller's items
    } else if (v instanceof Map) {
      for (const [k, x] of v) stack.push(k, x);
    } else if (v instanceof Set) {
      for (const x of v) stack.push(x);
    } else {
      for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    }
  }
  return value;
}
