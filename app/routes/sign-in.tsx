import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextInput } from "~/components/forms";
import { signIn } from "~/modules/auth/service.server";
import { clientIp, getSessionUser, safeRedirect } from "~/modules/auth/session.server";
import { waitText } from "~/modules/throttle/policy";
import { failure, parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Sign in – Waymark" }];

const SignInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").email("Enter an email address in the correct format, like name@council.gov.uk"),
  password: z.string().min(1, "Enter your password"),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getSessionUser(request)) return redirect(redirectTo);
  return json({ redirectTo });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const parsed = parseForm(form, SignInSchema);
  if (!parsed.ok) return json(parsed, { status: 400 });
  const { password: _password, ...kept } = parsed.values;
  const result = await signIn({ email: parsed.data.email, password: parsed.data.password, ip: clientIp(request) });
  if (result.ok) {
    return redirect(safeRedirect(parsed.data.redirectTo), { headers: { "Set-Cookie": result.setCookie } });
  }
  if (result.reason === "throttled") {
    return json(
      failure({ _form: `Too many failed attempts to sign in from your network. ${waitText(result.retryAfterSeconds)}, then try again.` }, kept),
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  return json(failure({ email: "The email address or password is not right" }, kept), { status: 400 });
}

export default function SignIn() {
  const state = useActionData<typeof action>();
  const { redirectTo } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={state?.errors} />
        <h1 className="govuk-heading-l">Sign in to Waymark</h1>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <TextInput name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} state={state} />
          <TextInput name="password" label="Password" type="password" autoComplete="current-password" state={state} />
          <SubmitButton>Sign in</SubmitButton>
        </Form>
        <p className="govuk-body">Waymark has no public sign-up. Ask your administrator for an account.</p>
      </div>
    </div>
  );
}
