import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { write } from "~/db.server";
import { recordAudit } from "~/modules/audit/service.server";
import { actorFor, endSession, getSessionUser } from "~/modules/auth/session.server";

export async function loader() {
  // Signing out changes state, so it is a POST; a GET here just goes home.
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    write((tx) =>
      recordAudit(tx, { actor: actorFor(user, request), event: "auth.sign_out", entityType: "user", entityId: user.id }),
    );
  }
  return redirect("/sign-in", { headers: { "Set-Cookie": await endSession(request) } });
}
