// The benchmark's data, also used at a smaller scale by tests/integration/page-budget.test.ts:
// one programme of four projects with, at scale 1, 1,000 actions, 600 dependencies (about one in
// eight across projects), about 3,000 progress notes, 40 milestones, a project risk register of
// 30 risks and a programme register of 10. Repeatable (seeded random numbers), one transaction,
// prepared statements: about a second at scale 1.
// One action (`sample`) has exactly 3 notes and 4 dependencies (2 before, 2 after), for the action page.
import type Database from "better-sqlite3";

export const BENCH_PASSWORD = "bench-password-2026";
export const PROGRAMME_SLUG = "bench";

export interface BenchData {
  programmeSlug: string;
  projectSlugs: string[];
  /** Signs in; a programme manager who owns about one action in ten ("My actions"). */
  ownerUserId: number;
  ownerEmail: string;
  /** Programme managers for the mixed load's many users (owner first). */
  userEmails: string[];
  userIds: number[];
  /** The action shown on the action page: project 1, 3 notes, 4 dependencies. */
  sample: { projectSlug: string; actionId: number };
  /** Open actions any of the users may add notes to (the mixed load's writes). */
  writableActions: Array<{ projectSlug: string; actionId: number }>;
  counts: { actions: number; notes: number; dependencies: number; milestones: number; risks: number };
}

export function addDays(iso: string, days: number) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Fills an empty, migrated database. `passwordHash` is stored for every user (hash once, outside). */
export function generateBenchData(
  sqlite: Database.Database,
  { scale = 1, today, passwordHash, users = 20 }: { scale?: number; today: string; passwordHash: string; users?: number },
): BenchData {
  const PROJECTS = 4;
  const ACTIONS = Math.round(1000 * scale);
  const DEPENDENCIES = Math.round(600 * scale);
  const MILESTONES_PER_PROJECT = 10;
  let seed = 42; // mulberry32: repeatable
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
  const q = {
    programme: sqlite.prepare("insert into programmes (slug, name) values (?, ?)"),
    person: sqlite.prepare("insert into people (name, email, initials) values (?, ?, ?)"),
    user: sqlite.prepare("insert into users (person_id, email, password_hash) values (?, ?, ?)"),
    programmeRole: sqlite.prepare("insert into programme_roles (programme_id, person_id, role) values (?, ?, 'manager')"),
    project: sqlite.prepare("insert into projects (programme_id, slug, name, manager_person_id) values (?, ?, ?, ?)"),
    wp: sqlite.prepare("insert into work_packages (project_id, ref, name, position, lead_person_id) values (?, ?, ?, ?, ?)"),
    stage: sqlite.prepare("insert into stages (work_package_id, name, position) values (?, ?, ?)"),
    milestone: sqlite.prepare("insert into milestones (project_id, name, target_date, baseline_date) values (?, ?, ?, ?)"),
    action: sqlite.prepare(
      `insert into actions (project_id, work_package_id, stage_id, ref, title, expected_outcomes, deadline_text, planned_start,
         due_date, baseline_due_date, status, blocked_reason, percent_complete) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    owner: sqlite.prepare("insert into action_owners (action_id, person_id) values (?, ?)"),
    note: sqlite.prepare("insert into progress_notes (action_id, author_person_id, note_date, body) values (?, ?, ?, ?)"),
    change: sqlite.prepare("insert into due_date_changes (action_id, old_due_date, new_due_date, reason) values (?, ?, ?, ?)"),
    dep: sqlite.prepare(
      "insert into dependencies (predecessor_action_id, predecessor_milestone_id, successor_action_id, successor_milestone_id, lag_days) values (?, ?, ?, ?, ?)",
    ),
    register: sqlite.prepare(
      `insert into risk_registers (project_id, programme_id, scale, likelihood_labels, impact_labels, medium_from, high_from)
       values (?, ?, 3, '["Low","Medium","High"]', '["Low","Medium","High"]', 3, 6)`,
    ),
    risk: sqlite.prepare(
      `insert into risks (register_id, ref, title, cause, event, effect, owner_person_id, inherent_likelihood, inherent_impact,
         residual_likelihood, residual_impact, strategy, status, date_closed, closing_note, next_review_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    riskAction: sqlite.prepare("insert into risk_actions (risk_id, action_id) values (?, ?)"),
  };
  const id = (r: Database.RunResult) => Number(r.lastInsertRowid);
  return sqlite.transaction((): BenchData => {
    const programmeId = id(q.programme.run(PROGRAMME_SLUG, "Bench programme"));
    const people: number[] = [];
    for (let i = 0; i < 120; i++) people.push(id(q.person.run(`Person ${i} Example`, `person${i}@bench.test`, `P${i}`)));
    const userEmails: string[] = [];
    const userIds: number[] = [];
    const userPeople: number[] = [];
    for (let i = 0; i < users; i++) {
      const email = i === 0 ? "owner@bench.test" : `user${i}@bench.test`;
      const personId = id(q.person.run(i === 0 ? "Olive Owner" : `User ${i}`, email, i === 0 ? "OO" : `U${i}`));
      userIds.push(id(q.user.run(personId, email, passwordHash)));
      q.programmeRole.run(programmeId, personId);
      userEmails.push(email);
      userPeople.push(personId);
    }
    const owner = userPeople[0]!;
    const statuses = ["not_started", "in_progress", "in_progress", "blocked", "done", "cancelled", "not_started", "in_progress"] as const;
    const projectSlugs: string[] = [];
    const all: Array<{ id: number; projectIndex: number; open: boolean }> = [];
    const milestones: number[] = [];
    let notes = 0;
    for (let p = 0; p < PROJECTS; p++) {
      const slug = `bench-${p + 1}`;
      projectSlugs.push(slug);
      const projectId = id(q.project.run(programmeId, slug, `Bench project ${p + 1}`, owner));
      const slots: Array<{ wp: number; stage: number | null; ref: string }> = [];
      for (let w = 1; w <= 4; w++) {
        const wp = id(q.wp.run(projectId, `WP${w}`, `Work package ${w} of project ${p + 1}`, w, people[rnd(people.length)]));
        slots.push({ wp, stage: null, ref: `WP${w}` });
        for (let s = 1; s <= 2; s++) slots.push({ wp, stage: id(q.stage.run(wp, `Stage ${s}`, s)), ref: `WP${w}` });
      }
      for (let m = 0; m < MILESTONES_PER_PROJECT; m++) {
        const target = addDays(today, m * 20 - 80);
        milestones.push(id(q.milestone.run(projectId, `Milestone ${m + 1} of project ${p + 1}`, target, target)));
      }
      const counter = new Map<number, number>();
      const perProject = Math.floor(ACTIONS / PROJECTS) + (p < ACTIONS % PROJECTS ? 1 : 0);
      for (let a = 0; a < perProject; a++) {
        const slot = slots[a % slots.length]!;
        const status = statuses[rnd(statuses.length)]!;
        const due = addDays(today, rnd(240) - 120);
        const slipped = rnd(8) === 0;
        const seq = (counter.get(slot.wp) ?? 0) + 1;
        counter.set(slot.wp, seq);
        const actionId = id(
          q.action.run(
            projectId, slot.wp, slot.stage, `${slot.ref.slice(2)}.${seq}`,
            `Bench action ${a + 1} of project ${p + 1}: agree and deliver the next piece of work`,
            rnd(3) === 0 ? "" : "A clear, measurable outcome that the board can check",
            rnd(4) === 0 ? "Ongoing" : "", addDays(due, -30 - rnd(60)), due, slipped ? addDays(due, -14) : due, status,
            status === "blocked" ? "Waiting for a decision" : null, status === "done" ? 100 : rnd(90),
          ),
        );
        all.push({ id: actionId, projectIndex: p, open: status !== "done" && status !== "cancelled" });
        if (rnd(16) !== 0) q.owner.run(actionId, people[rnd(people.length)]);
        if (rnd(10) === 0) q.owner.run(actionId, owner);
        if (slipped) q.change.run(actionId, addDays(due, -14), due, "Bench slip");
        // Three notes on average (0 to 6), the sample action exactly three.
        const n = p === 0 && a === 10 ? 3 : rnd(7);
        for (let k = 0; k < n; k++) {
          q.note.run(actionId, people[rnd(people.length)], addDays(today, -rnd(90)), `Progress note ${k + 1}: the work moved on; next steps agreed with the lead officer.`);
          notes++;
        }
      }
    }
    // The sample action: 2 predecessors and 2 successors in its own project, nothing else.
    const sample = all.filter((x) => x.projectIndex === 0)[10]!;
    const sampleIndex = all.indexOf(sample);
    const pairs = new Set<string>();
    const link = (pred: number, succ: number, lag = 0) => {
      const key = `${pred}>${succ}`;
      if (pred === succ || pairs.has(key)) return false;
      pairs.add(key);
      q.dep.run(pred, null, succ, null, lag);
      return true;
    };
    link(all[sampleIndex - 2]!.id, sample.id);
    link(all[sampleIndex - 1]!.id, sample.id);
    link(sample.id, all[sampleIndex + 1]!.id);
    link(sample.id, all[sampleIndex + 2]!.id);
    let dependencies = 4;
    while (dependencies < DEPENDENCIES) {
      // Predecessor earlier in the list than its successor, so no cycles; one in eight across projects.
      const s = 1 + rnd(all.length - 1);
      const succ = all[s]!;
      let predIndex = rnd(s);
      if (rnd(8) !== 0) {
        const same = all.slice(0, s).filter((x) => x.projectIndex === succ.projectIndex);
        if (same.length === 0) continue;
        predIndex = all.indexOf(same[rnd(same.length)]!);
      }
      const pred = all[predIndex]!;
      if (pred.id === sample.id || succ.id === sample.id) continue;
      if (dependencies % 25 === 0) {
        q.dep.run(pred.id, null, null, milestones[succ.projectIndex * MILESTONES_PER_PROJECT + rnd(MILESTONES_PER_PROJECT)], 0);
        dependencies++;
      } else if (link(pred.id, succ.id, rnd(4) === 0 ? rnd(5) : 0)) dependencies++;
    }
    // Risk registers: project 1's (30 risks) and the programme's (10).
    let riskCount = 0;
    const firstProjectId = (sqlite.prepare("select id from projects where slug = ?").get(projectSlugs[0]) as { id: number }).id;
    const registers = [
      { register: id(q.register.run(firstProjectId, null)), count: Math.max(3, Math.round(30 * Math.min(1, scale * 2))) },
      { register: id(q.register.run(null, programmeId)), count: 10 },
    ];
    for (const { register, count } of registers) {
      for (let r = 1; r <= count; r++) {
        const li = 1 + rnd(3);
        const im = 1 + rnd(3);
        const closed = rnd(6) === 0;
        const riskId = id(
          q.risk.run(
            register, `R${r}`, `Bench risk ${r}: a supplier or a partner may not deliver on time`, "A cause", "An event", "An effect",
            people[rnd(people.length)], li, im, Math.max(1, li - 1), im, "Reduce: agree a fallback with the partner",
            closed ? "closed" : "open", closed ? addDays(today, -rnd(60)) : null, closed ? "No longer a risk" : null, addDays(today, rnd(60) - 30),
          ),
        );
        riskCount++;
        for (let k = 0; k < 2; k++) {
          try {
            q.riskAction.run(riskId, all[rnd(all.length)]!.id);
          } catch {
            // the same action twice: skip
          }
        }
      }
    }
    const writable = all
      .filter((x) => x.open)
      .slice(0, 200)
      .map((x) => ({ projectSlug: projectSlugs[x.projectIndex]!, actionId: x.id }));
    return {
      programmeSlug: PROGRAMME_SLUG,
      projectSlugs,
      ownerUserId: userIds[0]!,
      ownerEmail: userEmails[0]!,
      userEmails,
      userIds,
      sample: { projectSlug: projectSlugs[0]!, actionId: sample.id },
      writableActions: writable,
      counts: { actions: all.length, notes, dependencies, milestones: milestones.length, risks: riskCount },
    };
  })();
}
