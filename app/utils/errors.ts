// Error conventions (see docs/handling-errors.md):
// - UserInputError: a business rule refused the input; routes answer 400 with messages at the fields.
// - invariantResponse / notFound / forbidden: thrown Responses that the shared error boundary renders.

/** A business-rule failure tied to form fields; routes turn it into a 400 with the messages at the fields. */
export class UserInputError extends Error {
  constructor(public fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join("; "));
    this.name = "UserInputError";
  }
}

export function notFound(message = "Page not found"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "You do not have permission to do that"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw new Response(message, init);
}
