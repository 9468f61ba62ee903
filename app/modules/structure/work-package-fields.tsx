import { Checkboxes, DateInput, Select, TextArea, TextInput, type FormState, type Option } from "~/components/forms";

export function WorkPackageFields({
  state,
  people,
  others,
  workPackage,
  feedsInto = [],
}: {
  state?: FormState;
  people: Option[];
  /** The project's other work packages, for "feeds into". */
  others: Option[];
  workPackage?: { ref: string; name: string; description: string; leadPersonId: number | null; position: number };
  feedsInto?: number[];
}) {
  return (
    <>
      <TextInput name="ref" label="Reference" hint="For example, WP1." width={5} spellCheck={false} state={state} defaultValue={workPackage?.ref} />
      <TextInput name="name" label="Name" state={state} defaultValue={workPackage?.name} />
      <TextArea name="description" label="Description" state={state} defaultValue={workPackage?.description} />
      <Select name="leadPersonId" label="Lead officer" options={people} emptyLabel="No lead yet" state={state} defaultValue={workPackage?.leadPersonId} />
      <TextInput
        name="position"
        label="Order"
        hint="Work packages are listed in this order. Leave blank to put it last."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={workPackage?.position}
      />
      <Checkboxes
        name="feedsInto"
        legend="Feeds into"
        hint="The work packages that use what this one produces. For information only."
        options={others}
        state={state}
        defaultValues={feedsInto}
      />
    </>
  );
}

export function StageFields({
  state,
  stage,
}: {
  state?: FormState;
  stage?: { name: string; position: number; plannedStart: string | null; plannedEnd: string | null; datesNote: string };
}) {
  return (
    <>
      <TextInput name="name" label="Stage name" state={state} defaultValue={stage?.name} />
      <TextInput
        name="position"
        label="Order"
        hint="Stages are listed in this order. Leave blank to put it last."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={stage?.position}
      />
      <DateInput name="plannedStart" label="Planned start" state={state} defaultValue={stage?.plannedStart} />
      <DateInput name="plannedEnd" label="Planned end" state={state} defaultValue={stage?.plannedEnd} />
      <TextInput
        name="datesNote"
        label="Dates note (optional)"
        hint='When the dates are not known yet, say so as the plan does, for example "tba" or "after consultation".'
        width={20}
        state={state}
        defaultValue={stage?.datesNote}
      />
    </>
  );
}
