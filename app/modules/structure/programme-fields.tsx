import { TextArea, TextInput, type FormState } from "~/components/forms";
import { useSlugSuggestion } from "./use-slug-suggestion";

export function ProgrammeFields({ state, programme }: { state?: FormState; programme?: { name: string; slug: string; description: string } }) {
  useSlugSuggestion(!programme);
  return (
    <>
      <TextInput name="name" label="Programme name" state={state} defaultValue={programme?.name} />
      <TextInput
        name="slug"
        label="Short name for the web address"
        hint="Lower-case letters, numbers and hyphens, like revs-bens. Leave blank to make one from the name."
        width={20}
        spellCheck={false}
        state={state}
        defaultValue={programme?.slug}
      />
      <TextArea name="description" label="Description" state={state} defaultValue={programme?.description} />
    </>
  );
}
