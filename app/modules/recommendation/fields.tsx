import { TextArea, TextInput } from "~/components/forms";
import type { FormValues } from "~/utils/forms";

type State = { errors?: Record<string, string>; values?: FormValues } | undefined;

export function RecommendationFields({ state, current }: { state: State; current?: { ref: string; title: string; body: string; source: string } }) {
  return (
    <>
      <TextInput name="ref" label="Reference" hint="As the report numbers it, for example R2" state={state} defaultValue={current?.ref} width={5} />
      <TextInput name="title" label="Title" state={state} defaultValue={current?.title} />
      <TextArea name="body" label="Text of the recommendation" state={state} defaultValue={current?.body} />
      <TextInput name="source" label="Source" hint="For example, Audit Commission inspection 2008" state={state} defaultValue={current?.source} />
    </>
  );
}
