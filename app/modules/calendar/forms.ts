// The calendar subscriptions page's forms: make a link, make a new one, turn one off.
import { z } from "zod";
import type { FeedTarget } from "./feeds.server";

const feed = z
  .string({ error: "Choose which calendar to subscribe to" })
  .regex(/^(personal|project:\d+|programme:\d+)$/, { error: "Choose which calendar to subscribe to" });

export const subscriptionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    feed,
    name: z
      .string()
      .trim()
      .min(1, { error: "Enter a name for the link, such as “Outlook on my laptop”" })
      .max(80, { error: "The name must be 80 characters or fewer" }),
  }),
  z.object({ intent: z.literal("regenerate"), tokenId: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("revoke"), tokenId: z.coerce.number().int().positive() }),
]);

export function targetFromKey(key: string): FeedTarget {
  if (key === "personal") return { kind: "personal" };
  const [kind, id] = key.split(":");
  return kind === "project" ? { kind: "project", projectId: Number(id) } : { kind: "programme", programmeId: Number(id) };
}

export function keyOfTarget(t: FeedTarget) {
  return t.kind === "personal" ? "personal" : t.kind === "project" ? `project:${t.projectId}` : `programme:${t.programmeId}`;
}
