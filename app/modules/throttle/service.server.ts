// Counters that slow down guessing: rate-limiter-flexible's SQLite store over the app's own
// better-sqlite3 connection (table rate_limits). Each counter is "blocked" once its points exceed
// its limit; a block lasts until the row expires. Policy and numbers: ./policy.ts.
import type Database from "better-sqlite3";
import { RateLimiterSQLite, type RateLimiterRes } from "rate-limiter-flexible";
import { getSqlite, onceFor } from "~/db.server";
import { BALLOT_LINKS, REPORT_LINKS, SIGN_IN, spreadFailureWaitSeconds } from "./policy";

const TABLE = "rate_limits";

function limiter(sqlite: Database.Database, keyPrefix: string, points: number, duration: number) {
  return new RateLimiterSQLite({ storeClient: sqlite, storeType: "better-sqlite3", tableName: TABLE, tableCreated: true, keyPrefix, points, duration });
}

function limitersFor(sqlite: Database.Database) {
  return {
    pair: limiter(sqlite, "sign-in-pair", SIGN_IN.pair.limit, SIGN_IN.pair.windowSeconds),
    address: limiter(sqlite, "sign-in-address", SIGN_IN.address.limit, SIGN_IN.address.windowSeconds),
    // A plain counter: it never blocks by itself, it sets how long failing addresses wait.
    account: limiter(sqlite, "sign-in-account", Number.MAX_SAFE_INTEGER, SIGN_IN.account.windowSeconds),
    ballotAddress: limiter(sqlite, "ballot-address", BALLOT_LINKS.address.limit, BALLOT_LINKS.address.windowSeconds),
    reportLinkAddress: limiter(sqlite, "report-link-address", REPORT_LINKS.address.limit, REPORT_LINKS.address.windowSeconds),
  };
}

// One set per connection (tests open a fresh database for each case).
const limiters = () => onceFor(limitersFor);

/** Seconds a blocked counter has left, or 0 when it is not blocked. */
function blockedFor(res: RateLimiterRes | null, limit: number) {
  if (!res || res.consumedPoints <= limit) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Adds one failure; once the limit is reached, blocks the key for `waitSeconds`. */
async function countFailure(l: RateLimiterSQLite, key: string, limit: number, waitSeconds: number) {
  const res = await l.penalty(key, 1);
  if (res.consumedPoints >= limit) await l.block(key, waitSeconds);
}

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

/**
 * Seconds this address must wait before trying this account, or 0 to go ahead. Only counters
 * this address made can be non-zero: a person at an address that has not failed is never refused.
 */
export async function signInWait(email: string, ip: string) {
  const l = limiters();
  const [pair, address] = await Promise.all([l.pair.get(pairKey(email, ip)), l.address.get(ip)]);
  return Math.max(blockedFor(pair, SIGN_IN.pair.limit), blockedFor(address, SIGN_IN.address.limit));
}

/**
 * Counts a failed sign-in against the (account, address) pair, the address and the account.
 * Returns how long this pair must now wait because of failures spread over many addresses.
 */
export async function recordSignInFailure(email: string, ip: string) {
  const l = limiters();
  const key = pairKey(email, ip);
  await countFailure(l.pair, key, SIGN_IN.pair.limit, SIGN_IN.pair.waitSeconds);
  await countFailure(l.address, ip, SIGN_IN.address.limit, SIGN_IN.address.waitSeconds);
  const account = await l.account.penalty(email, 1);
  const spreadWait = spreadFailureWaitSeconds(account.consumedPoints);
  if (spreadWait > 0 && spreadWait > (await signInWait(email, ip))) await l.pair.block(key, spreadWait);
  return { accountFailures: account.consumedPoints, spreadWaitSeconds: spreadWait };
}

/** A successful sign-in clears its own pair's failures (not the address's or the account's). */
export async function recordSignInSuccess(email: string, ip: string) {
  await limiters().pair.delete(pairKey(email, ip));
}

/** Seconds before this address may try more bad voting-link tokens (valid tokens never wait). */
export async function badBallotTokenWait(ip: string) {
  return blockedFor(await limiters().ballotAddress.get(ip), BALLOT_LINKS.address.limit);
}

export async function recordBadBallotToken(ip: string) {
  await countFailure(limiters().ballotAddress, ip, BALLOT_LINKS.address.limit, BALLOT_LINKS.address.waitSeconds);
}

/** Seconds before this address may try more public report links that do not work (working links never wait). */
export async function badReportTokenWait(ip: string) {
  return blockedFor(await limiters().reportLinkAddress.get(ip), REPORT_LINKS.address.limit);
}

export async function recordBadReportToken(ip: string) {
  await countFailure(limiters().reportLinkAddress, ip, REPORT_LINKS.address.limit, REPORT_LINKS.address.waitSeconds);
}

/** Housekeeping: removes counters that have expired. */
export function pruneExpiredLimits(now = Date.now()) {
  return getSqlite().prepare(`DELETE FROM ${TABLE} WHERE expire < ?`).run(now).changes;
}
