// How Waymark slows down guessing without locking out the people it guards.
// See docs/decisions/0005-throttling.md for why these counters and these numbers.

export const SIGN_IN = {
  /** Failures for one account from one address before that pair must wait. */
  pair: { limit: 5, windowSeconds: 15 * 60, waitSeconds: 15 * 60 },
  /** Failures from one address, any accounts, before that address must wait. */
  address: { limit: 30, windowSeconds: 60 * 60, waitSeconds: 60 * 60 },
  /**
   * Failures for one account from any address. Beyond `freeFailures`, each address that fails
   * must wait before trying that account again, for a time that doubles with every failure up to
   * `maxWaitSeconds`. Addresses that have not failed are never made to wait.
   */
  account: { windowSeconds: 60 * 60, freeFailures: 5, maxWaitSeconds: 15 * 60 },
} as const;

export const BALLOT_LINKS = {
  /** Bad voting-link tokens from one address before further bad ones answer 429 (valid ones never do). */
  address: { limit: 10, windowSeconds: 15 * 60, waitSeconds: 15 * 60 },
} as const;

export const REPORT_LINKS = {
  /** Public report-link tokens that do not work, from one address, before further bad ones answer 429 (working links never do). */
  address: { limit: 10, windowSeconds: 15 * 60, waitSeconds: 15 * 60 },
} as const;

/** How long an address that has just failed must wait before trying an account with `failures` recent failures again. */
export function spreadFailureWaitSeconds(failures: number, policy: typeof SIGN_IN.account = SIGN_IN.account) {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(policy.maxWaitSeconds, 2 ** Math.min(failures - policy.freeFailures, 30));
}

/** "Wait 45 seconds", "Wait 1 minute", "Wait 15 minutes": for the 429 page. */
export function waitText(seconds: number) {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `Wait ${s} ${s === 1 ? "second" : "seconds"}`;
  const minutes = Math.ceil(s / 60);
  return `Wait ${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}
