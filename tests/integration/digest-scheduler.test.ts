// The digest scheduler in the app server: when it sends (after DIGEST_TIME in Europe/London) and
// that it sends once per day, however often it ticks and even when two ticks overlap.
import * as s from "#db/schema";
import { getDb, write } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { digestTick, startDigestScheduler, stopDigestScheduler } from "~/modules/digest/scheduler.server";
import * as f from "../../seeds/factories";

function world() {
  write((tx) => {
    const project = f.createProject(tx, { slug: "pilot", name: "Pilot" });
    const ben = f.createPerson(tx, { name: "Ben Turner", email: "ben@example.org" });
    const xena = f.createPerson(tx, { name: "Xena Field", email: "xena@example.org" });
    f.createAction(tx, project.id, { ref: "1", title: "Survey customers", dueDate: "2026-03-01", ownerPersonIds: [ben.id] });
    f.createAction(tx, project.id, { ref: "2", title: "Redesign the form", dueDate: "2026-03-02", ownerPersonIds: [xena.id] });
  });
}

const sent = () =>
  getDb()
    .select({ key: s.outbox.dedupeKey })
    .from(s.outbox)
    .all()
    .flatMap((m) => (m.key?.startsWith("digest:") ? [m.key] : []))
    .sort();

function environment(vars: Record<string, string>) {
  Object.assign(process.env, { SMTP_URL: "", ...vars });
  resetEnvCache();
}

describe("the digest scheduler", () => {
  afterEach(() => {
    stopDigestScheduler();
    vi.useRealTimers();
    delete process.env.DIGEST_TIME;
    delete process.env.RUN_SCHEDULER;
    resetEnvCache();
  });

  it("sends at the first tick at or after DIGEST_TIME, then not again that day; the next day once more", async () => {
    world();
    environment({ DIGEST_TIME: "08:30" });
    const outcomes: Array<[string, string]> = [];
    // A tick every 10 minutes through two whole days (March: London time is UTC).
    for (const day of ["2026-03-20", "2026-03-21"]) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 10) {
        const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
        const outcome = await digestTick(new Date(`${day}T${hhmm}:00Z`));
        if (outcome === "ran") outcomes.push([day, hhmm]);
        else expect(outcome).toBe(hhmm < "08:30" ? "not-yet" : "already-ran");
      }
    }
    expect(outcomes).toEqual([
      ["2026-03-20", "08:30"],
      ["2026-03-21", "08:30"],
    ]);
    // One digest each for Ben and Xena on each day.
    expect(sent().map((key) => key?.replace(/^digest:\d+:/, "")).sort()).toEqual(["2026-03-20", "2026-03-20", "2026-03-21", "2026-03-21"]);
  });

  it("uses London time: in summer 07:00 is 06:00 UTC", async () => {
    world();
    environment({ DIGEST_TIME: "07:00" });
    expect(await digestTick(new Date("2026-07-01T05:59:00Z"))).toBe("not-yet");
    expect(await digestTick(new Date("2026-07-01T06:00:00Z"))).toBe("ran");
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: a new day, whose digest is not due yet.
    expect(await digestTick(new Date("2026-07-01T23:30:00Z"))).toBe("not-yet");
    expect(await digestTick(new Date("2026-07-02T06:00:00Z"))).toBe("ran");
    expect(sent()).toHaveLength(4);
  });

  it("sends once when two ticks overlap", async () => {
    world();
    environment({ DIGEST_TIME: "07:00" });
    const now = new Date("2026-03-20T07:05:00Z");
    const outcomes = await Promise.all([digestTick(now), digestTick(now)]);
    expect(outcomes.sort()).toEqual(["busy", "ran"]);
    expect(await digestTick(now)).toBe("already-ran");
    expect(sent()).toHaveLength(2);
  });

  it("started by the server, ticks every minute and sends once a day; RUN_SCHEDULER=0 keeps it off", async () => {
    world();
    environment({ DIGEST_TIME: "07:00", RUN_SCHEDULER: "0" });
    expect(startDigestScheduler()).toBe(false);

    environment({ DIGEST_TIME: "07:00", RUN_SCHEDULER: "1" });
    vi.useFakeTimers({ toFake: ["setInterval", "setTimeout", "clearInterval", "Date"] });
    vi.setSystemTime(new Date("2026-03-20T06:58:30Z"));
    expect(startDigestScheduler()).toBe(true);
    expect(startDigestScheduler()).toBe(false); // one scheduler per process

    await vi.advanceTimersByTimeAsync(1_000); // first check, soon after start: too early
    expect(sent()).toEqual([]);
    await vi.advanceTimersByTimeAsync(2 * 60_000); // 07:00 passes
    expect(sent()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(60 * 60_000); // an hour of ticks
    expect(sent()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60_000); // the next morning
    expect(sent()).toHaveLength(4);
  });
});
