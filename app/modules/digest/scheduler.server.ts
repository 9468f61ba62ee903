// Runs the morning digest from the app server: every minute, if it is past DIGEST_TIME in
// Europe/London and today's digest has not run, run it. Several servers may each do this (the
// outbox's dedupe key stops a second send), but RUN_SCHEDULER=0 switches it off on all but one.
import { getEnv } from "~/env.server";
import { systemActor } from "~/modules/audit/actor";
import { todayInLondon } from "~/modules/action/rules";
import { digestHasRun, runDigest } from "./service.server";

/** The wall-clock time in Europe/London as "HH:MM". */
export function londonTime(now: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("hour")}:${get("minute")}`;
}

let running = false;

/** One check: runs today's digest when it is due. Returns what it did, for tests and logs. */
export async function digestTick(now: Date = new Date()): Promise<"ran" | "not-yet" | "already-ran" | "busy"> {
  if (running) return "busy";
  const today = todayInLondon(now);
  if (londonTime(now) < getEnv().DIGEST_TIME) return "not-yet";
  if (digestHasRun(today)) return "already-ran";
  running = true;
  try {
    const result = await runDigest({ asOf: today, actor: systemActor("scheduler") });
    console.log(`Digest for ${today}: sent to ${result.delivered.length} ${result.delivered.length === 1 ? "person" : "people"}.`);
    return "ran";
  } finally {
    running = false;
  }
}

let timer: ReturnType<typeof setInterval> | undefined;

export function startDigestScheduler({ intervalMs = 60_000 }: { intervalMs?: number } = {}) {
  if (getEnv().RUN_SCHEDULER === "0" || timer) return false;
  const tick = () => {
    digestTick().catch((error) => console.error("Digest run failed:", error));
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1_000).unref();
  return true;
}

export function stopDigestScheduler() {
  if (timer) clearInterval(timer);
  timer = undefined;
}
