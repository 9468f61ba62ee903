// Emails about a person's own account. They never contain a password: the administrator gives
// the temporary one in person or by phone, so a forwarded or intercepted email opens nothing.
import { getEnv } from "~/env.server";
import { sendMail } from "./mailer.server";
import { renderEmail } from "./templates";

export function sendAccountCreatedEmail({ to, name, createdBy }: { to: string; name: string; createdBy: string }) {
  const content = renderEmail({
    heading: "You have a Waymark account",
    paragraphs: [
      `Dear ${name},`,
      `${createdBy} has given you an account on Waymark, where your council's change projects keep their action plans, risks and decisions.`,
      "Your administrator will give you a temporary password separately. This email does not contain it.",
      `Sign in with this email address: ${to}`,
    ],
    link: { href: `${getEnv().APP_URL}/sign-in`, text: "Sign in to Waymark" },
    footer: "If you were not expecting this, tell your administrator.",
  });
  return sendMail({ to, subject: "Your Waymark account", ...content });
}

export function sendPasswordResetEmail({ to, name, resetBy }: { to: string; name: string; resetBy: string }) {
  const content = renderEmail({
    heading: "Your Waymark password was reset",
    paragraphs: [
      `Dear ${name},`,
      `${resetBy} reset your Waymark password, and you have been signed out everywhere.`,
      "They will give you the new temporary password separately. This email does not contain it.",
    ],
    link: { href: `${getEnv().APP_URL}/sign-in`, text: "Sign in to Waymark" },
    footer: "If you did not ask for this, tell your administrator at once.",
  });
  return sendMail({ to, subject: "Your Waymark password was reset", ...content });
}
