/** Who is doing something: a signed-in user, a ballot-link holder, the CLI or the scheduler. */
export interface Actor {
  userId: number | null;
  personId: number | null;
  label: string;
  ip?: string;
}

export function systemActor(label = "system"): Actor {
  return { userId: null, personId: null, label };
}
