import { DateInput, TextArea, TextInput, type FormState } from "~/components/forms";

export function MilestoneFields({
  state,
  milestone,
}: {
  state?: FormState;
  milestone?: { name: string; description: string; targetDate: string; achievedDate: string | null };
}) {
  return (
    <>
      <TextInput name="name" label="Milestone name" state={state} defaultValue={milestone?.name} />
      <TextArea name="description" label="Description (optional)" rows={3} state={state} defaultValue={milestone?.description} />
      <DateInput
        name="targetDate"
        label="Target date"
        hint={
          milestone
            ? "The baseline stays at the first target date, so a change here shows as slippage."
            : "This also becomes the baseline date, which does not change later."
        }
        state={state}
        defaultValue={milestone?.targetDate}
      />
      <DateInput name="achievedDate" label="Date achieved (optional)" hint="Leave blank until the milestone is reached." state={state} defaultValue={milestone?.achievedDate} />
    </>
  );
}
