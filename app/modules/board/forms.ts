// One zod schema per board form, shared by the routes, the CLI and tests.
import { z } from "zod";
import { DECISION_RULES } from "#db/schema";
import { optionalId, text } from "~/utils/forms";

export const RULE_LABELS = { majority: "Simple majority of members", unanimous: "Unanimous", quorum: "Quorum of a number of votes" } as const;

const idList = z.preprocess(
  (v) => (v == null || v === "" ? [] : ([] as unknown[]).concat(v)),
  z.array(z.coerce.number().int().positive("Choose people from the list")),
);

/** The rule part, shared by create and edit: a quorum needs its number; a casting vote needs a chair. */
const ruleFields = {
  name: text("the board’s name", 200),
  decisionRule: z.enum(DECISION_RULES, { error: "Choose how the board decides" }),
  quorum: z.string().trim().optional().default(""),
  castingVote: z.enum(["yes", "no"], { error: "Say whether the chair has a casting vote" }),
  chairPersonId: optionalId,
};

function checkRule(v: { decisionRule: string; quorum: string; castingVote: string; chairPersonId: number | null }, ctx: z.RefinementCtx) {
  if (v.decisionRule === "quorum") {
    const n = Number(v.quorum);
    if (!v.quorum) ctx.addIssue({ code: "custom", path: ["quorum"], message: "Enter how many votes make a quorum" });
    else if (!Number.isInteger(n) || n < 1 || n > 100) ctx.addIssue({ code: "custom", path: ["quorum"], message: "The quorum must be a whole number from 1 to 100" });
  }
  if (v.castingVote === "yes" && v.decisionRule !== "unanimous" && v.chairPersonId === null)
    ctx.addIssue({ code: "custom", path: ["chairPersonId"], message: "Choose the chair, who holds the casting vote" });
}

/** What the board service takes for its name and rule. */
export interface BoardRuleInput {
  name: string;
  decisionRule: (typeof DECISION_RULES)[number];
  quorum: number | null;
  castingVote: boolean;
  chairPersonId: number | null;
}
export type BoardCreateInput = BoardRuleInput & { memberIds: number[] };
export type BoardEditInput = BoardRuleInput;

const toRule = (v: { name: string; decisionRule: (typeof DECISION_RULES)[number]; quorum: string; castingVote: "yes" | "no"; chairPersonId: number | null }): BoardRuleInput => {
  const castingVote = v.castingVote === "yes" && v.decisionRule !== "unanimous";
  return { name: v.name, decisionRule: v.decisionRule, quorum: v.decisionRule === "quorum" ? Number(v.quorum) : null, castingVote, chairPersonId: v.chairPersonId };
};

export const boardCreateSchema = z
  .object({ ...ruleFields, memberIds: idList })
  .superRefine(checkRule)
  .transform((v): BoardCreateInput => ({ ...toRule(v), memberIds: v.memberIds }));

export const boardEditSchema = z.object({ intent: z.literal("edit"), ...ruleFields }).superRefine(checkRule).transform(toRule);

export const boardMemberSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-member"), personId: z.coerce.number({ error: "Choose a person" }).int().positive("Choose a person") }),
  z.object({ intent: z.literal("remove-member"), personId: z.coerce.number().int().positive() }),
]);
