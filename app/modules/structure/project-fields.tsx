// The project form's fields, shared by "create a project" (in a programme or not) and "edit project".
import { DateInput, Radios, Select, TextArea, TextInput, type FormState, type Option } from "~/components/forms";
import { PROJECT_STATUS_LABELS } from "./forms";
import { useSlugSuggestion } from "./use-slug-suggestion";

export interface ProjectDefaults {
  programmeId?: number | null;
  name?: string;
  slug?: string;
  purpose?: string;
  status?: string;
  managerPersonId?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  timeToleranceDays?: number | null;
  costTolerancePercent?: number | null;
  dueSoonDays?: number;
  staleDays?: number;
}

export function ProjectFields({
  state,
  people,
  programmes,
  project = {},
}: {
  state?: FormState;
  people: Option[];
  /** When given, the project's programme can be chosen (administrators creating a project). */
  programmes?: Option[];
  project?: ProjectDefaults;
}) {
  useSlugSuggestion(!project.slug);
  return (
    <>
      {programmes ? (
        <Select
          name="programmeId"
          label="Programme (optional)"
          options={programmes}
          emptyLabel="Not part of a programme"
          state={state}
          defaultValue={project.programmeId}
        />
      ) : null}
      <TextInput name="name" label="Project name" state={state} defaultValue={project.name} />
      <TextInput
        name="slug"
        label="Short name for the web address"
        hint="Lower-case letters, numbers and hyphens, like home-working-pilot. Leave blank to make one from the project name."
        width={20}
        spellCheck={false}
        state={state}
        defaultValue={project.slug}
      />
      <TextArea name="purpose" label="Purpose" hint="What the project is for and what it will deliver." state={state} defaultValue={project.purpose} />
      <Radios
        name="status"
        legend="Status"
        inline
        options={Object.entries(PROJECT_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        state={state}
        defaultValue={project.status ?? "active"}
      />
      <Select
        name="managerPersonId"
        label="Project manager"
        hint="They will be given the project manager role."
        options={people}
        emptyLabel="No manager yet"
        state={state}
        defaultValue={project.managerPersonId}
      />
      <DateInput name="startDate" label="Start date" state={state} defaultValue={project.startDate} />
      <DateInput name="endDate" label="End date" state={state} defaultValue={project.endDate} />
      <TextInput
        name="timeToleranceDays"
        label="Time tolerance (days)"
        hint="How many days the project may run late before the board must be told."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={project.timeToleranceDays}
      />
      <TextInput
        name="costTolerancePercent"
        label="Cost tolerance (%)"
        hint="How far over budget, as a percentage, before the board must be told."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={project.costTolerancePercent}
      />
      <TextInput
        name="dueSoonDays"
        label="Due-soon window (days)"
        hint="Actions due within this many days are flagged as due soon."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={project.dueSoonDays ?? 14}
      />
      <TextInput
        name="staleDays"
        label="Stale after (days)"
        hint="An action in progress with no progress note for this many days is flagged as stale."
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={project.staleDays ?? 30}
      />
    </>
  );
}
