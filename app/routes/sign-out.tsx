import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/session.server";

export async function loader() {
  // Signing out changes state, so it is a POST; a GET here just goes home.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/sign-in", { headers: { "Set-Cookie": await signOut(request) } });
}
