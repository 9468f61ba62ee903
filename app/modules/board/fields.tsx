import { Radios, Select, TextInput } from "~/components/forms";
import type { FormValues } from "~/utils/forms";
import { RULE_LABELS } from "./forms";

type State = { errors?: Record<string, string>; values?: FormValues } | undefined;
interface Current {
  name?: string;
  decisionRule?: string;
  quorum?: number | null;
  castingVote?: boolean;
  chairPersonId?: number | null;
}

/** Name, decision rule, quorum, casting vote and chair: the fields the create and edit forms share. */
export function BoardRuleFields({ state, current = {}, chairOptions }: { state: State; current?: Current; chairOptions: Array<{ value: number; label: string }> }) {
  return (
    <>
      <TextInput name="name" label="Name" hint="For example, Project Board or Partnership Board" state={state} defaultValue={current.name} />
      <Radios
        name="decisionRule"
        legend="How does the board decide?"
        state={state}
        defaultValue={current.decisionRule ?? "majority"}
        options={[
          { value: "majority", label: RULE_LABELS.majority, hint: "Approved when more than half of all members approve." },
          { value: "unanimous", label: RULE_LABELS.unanimous, hint: "Approved only when every member approves." },
          { value: "quorum", label: RULE_LABELS.quorum, hint: "Approved when enough votes are cast and approvals outnumber rejections." },
        ]}
      />
      <TextInput name="quorum" label="Quorum (votes needed), if the board decides by quorum" hint="Abstentions count towards the quorum. For example, 3" state={state} defaultValue={current.quorum ?? ""} width={3} inputMode="numeric" />
      <Radios
        name="castingVote"
        legend="Does the chair have a casting vote?"
        hint="It settles a tie once every member has voted. A unanimous board has no casting vote."
        state={state}
        defaultValue={current.castingVote ? "yes" : "no"}
        inline
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
      />
      <Select name="chairPersonId" label="Chair" hint="Needed for a casting vote. The chair must be a member." state={state} defaultValue={current.chairPersonId ?? ""} options={chairOptions} emptyLabel="No chair" />
    </>
  );
}
