import { z } from "zod";
import { text } from "~/utils/forms";

const idList = z.preprocess(
  (v) => (v == null || v === "" ? [] : ([] as unknown[]).concat(v)),
  z.array(z.coerce.number().int().positive("Choose people from the list")),
);

export const teamCreateSchema = z.object({ name: text("the team’s name", 200), memberIds: idList });
export type TeamCreateInput = z.infer<typeof teamCreateSchema>;

export const teamChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), name: text("the team’s name", 200) }),
  z.object({ intent: z.literal("add-member"), personId: z.coerce.number({ error: "Choose a person" }).int().positive("Choose a person") }),
  z.object({ intent: z.literal("remove-member"), personId: z.coerce.number().int().positive() }),
]);
