import { z } from "zod";
import { optionalText, text } from "~/utils/forms";

export const recommendationSchema = z.object({
  ref: text("a reference, like R1", 40),
  title: text("the title", 300),
  body: optionalText("the recommendation’s text", 10000),
  source: optionalText("the source", 300),
});
export type RecommendationInput = z.infer<typeof recommendationSchema>;
