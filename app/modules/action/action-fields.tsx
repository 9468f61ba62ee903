// The action form's fields, shared by "add an action" and "edit action".
import { Checkboxes, DateInput, Radios, Select, TextArea, TextInput, type FormState, type Option } from "~/components/forms";
import { ACTION_STATUS_LABELS } from "./forms";

export interface ActionFormOptions {
  workPackages: Option[];
  stages: Option[];
  people: Option[];
  teams: Option[];
  recommendations: Option[];
}

export interface ActionDefaults {
  ref?: string;
  title?: string;
  description?: string;
  expectedOutcomes?: string;
  workPackageId?: number | null;
  stageId?: number | null;
  ownerPersonIds?: number[];
  ownerTeamIds?: number[];
  recommendationIds?: number[];
  plannedStart?: string | null;
  dueDate?: string | null;
  deadlineText?: string;
  status?: string;
  blockedReason?: string | null;
  percentComplete?: number;
}

const STATUS_OPTIONS = (["not_started", "in_progress", "blocked", "done", "cancelled"] as const).map((s) => ({
  value: s,
  label: ACTION_STATUS_LABELS[s],
}));

export function ActionFields({
  state,
  options,
  action = {},
  editing,
}: {
  state?: FormState;
  options: ActionFormOptions;
  action?: ActionDefaults;
  /** On the edit form a changed due date asks for a reason. */
  editing?: boolean;
}) {
  return (
    <>
      <TextInput name="ref" label="Reference" hint="As the plan numbers it, for example 4.2 or 15b" width={5} state={state} defaultValue={action.ref} spellCheck={false} />
      <TextArea name="title" label="Action" rows={2} state={state} defaultValue={action.title} />
      <TextArea name="description" label="Description (optional)" rows={3} state={state} defaultValue={action.description} />
      <TextArea
        name="expectedOutcomes"
        label="Expected outcomes (optional)"
        hint="One per line, for example “Quicker processing of benefit claims”"
        rows={3}
        state={state}
        defaultValue={action.expectedOutcomes}
      />
      <Select name="workPackageId" label="Work package (optional)" options={options.workPackages} emptyLabel="None" state={state} defaultValue={action.workPackageId} />
      <Select
        name="stageId"
        label="Stage (optional)"
        hint="The stage must be in the chosen work package"
        options={options.stages}
        emptyLabel="None"
        state={state}
        defaultValue={action.stageId}
      />
      <Checkboxes name="ownerPersonIds" legend="Owners: people" hint="Select all that apply" options={options.people} state={state} defaultValues={action.ownerPersonIds} />
      <Checkboxes name="ownerTeamIds" legend="Owners: teams" hint="Select all that apply" options={options.teams} state={state} defaultValues={action.ownerTeamIds} />
      <Checkboxes
        name="recommendationIds"
        legend="Recommendations this action answers"
        options={options.recommendations}
        state={state}
        defaultValues={action.recommendationIds}
      />
      <DateInput name="plannedStart" label="Planned start (optional)" state={state} defaultValue={action.plannedStart} />
      <TextInput
        name="deadlineText"
        label="Deadline as written (optional)"
        hint="As the plan says it, for example “Ongoing”, “end of Nov 08” or “w/c 5 Jan 09”"
        width={30}
        state={state}
        defaultValue={action.deadlineText}
      />
      <DateInput
        name="dueDate"
        label="Due date (optional)"
        hint="Leave blank to use the date in the deadline as written, when it has one."
        state={state}
        defaultValue={action.dueDate}
      />
      {editing ? (
        <TextArea
          name="dueDateReason"
          label="Reason for changing the due date"
          hint="Needed only if you change the due date. It is kept in the action’s due-date history."
          rows={2}
          state={state}
        />
      ) : null}
      <Radios name="status" legend="Status" options={editing ? STATUS_OPTIONS : STATUS_OPTIONS.filter((o) => o.value !== "cancelled")} state={state} defaultValue={action.status ?? "not_started"} />
      <TextArea
        name="blockedReason"
        label="Reason it is blocked"
        hint="Needed only if the status is Blocked"
        rows={2}
        state={state}
        defaultValue={action.blockedReason}
      />
      <TextInput
        name="percentComplete"
        label="Percent complete (optional)"
        hint="A whole number from 0 to 100"
        width={3}
        inputMode="numeric"
        state={state}
        defaultValue={action.percentComplete}
      />
    </>
  );
}
