// A board's audit events as sentences for its history. Pure.
import { describeRule } from "~/modules/approval/decision-rule";

type Values = Record<string, unknown> | null;
interface Event {
  event: string;
  before: Values;
  after: Values;
}

const ruleText = (v: Record<string, unknown>) =>
  describeRule({ kind: v.decisionRule as "majority" | "unanimous" | "quorum", quorum: v.quorum as number | null, castingVote: Boolean(v.castingVote) });

export function describeBoardEvent(e: Event, name: (personId: number) => string): string {
  const before = e.before ?? {};
  const after = e.after ?? {};
  switch (e.event) {
    case "board.create": {
      const members = Array.isArray(after.memberIds) ? (after.memberIds as number[]).map(name) : [];
      const chair = typeof after.chairPersonId === "number" ? `; chair ${name(after.chairPersonId)}` : "";
      return `Board “${String(after.name)}” set up: ${ruleText(after)}${chair}; members: ${members.length ? members.join(", ") : "none"}.`;
    }
    case "board.add_member":
      return `${name(after.personId as number)} joined the board.`;
    case "board.remove_member":
      return `${name(before.personId as number)} left the board${"chairPersonId" in before ? ", and with them the chair and its casting vote" : ""}.`;
    case "board.update": {
      const parts: string[] = [];
      if ("name" in after) parts.push(`renamed from “${String(before.name)}” to “${String(after.name)}”`);
      if ("decisionRule" in after || "quorum" in after || "castingVote" in after)
        parts.push(`rule changed from ${ruleText({ ...before, ...pick(before, after) })} to ${ruleText({ ...pick(after, before), ...after })}`);
      if ("chairPersonId" in after)
        parts.push(typeof after.chairPersonId === "number" ? `chair is now ${name(after.chairPersonId)}` : "no chair named");
      return `${capital(parts.join("; ") || "changed")}.`;
    }
    default:
      return e.event;
  }
}

/** The rule fields one side did not change take the other side's values, so both read whole. */
function pick(from: Record<string, unknown>, other: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const k of ["decisionRule", "quorum", "castingVote"]) if (!(k in from) && k in other) out[k] = other[k];
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
