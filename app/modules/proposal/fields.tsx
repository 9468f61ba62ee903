import { Select, TextArea, TextInput, type FormState, type Option } from "~/components/forms";

const MARKUP_HINT = 'Start a line with "## " for a heading, "- " for a bullet or "1. " for a numbered item. Leave a blank line between paragraphs.';

export function ProposalFields({ state, workPackages, defaults }: { state?: FormState; workPackages: Option[]; defaults?: Partial<Record<"title" | "workPackageId" | "body" | "optionsConsidered" | "recommendation", string | number | null>> }) {
  return (
    <>
      <TextInput name="title" label="Title" state={state} defaultValue={defaults?.title} />
      <Select name="workPackageId" label="Work package it comes from" state={state} options={workPackages} emptyLabel="None" defaultValue={defaults?.workPackageId} />
      <TextArea name="body" label="The proposal" hint={MARKUP_HINT} rows={12} state={state} defaultValue={defaults?.body} />
      <TextArea name="optionsConsidered" label="Options considered" hint="The alternatives and why they are not recommended. These go into the decision record." rows={6} state={state} defaultValue={defaults?.optionsConsidered} />
      <TextArea name="recommendation" label="Recommendation" hint="What the board is asked to agree." rows={4} state={state} defaultValue={defaults?.recommendation} />
    </>
  );
}
