// The words of the emails that proposals and board ballots send. Pure: the services send them.
import { renderEmail } from "~/modules/mail/templates";
import { formatDate } from "~/components/layout";

const OUTCOME_WORDS = { approved: "approved", rejected: "rejected", deferred: "deferred (not decided)" } as const;

export function ballotEmail(p: {
  to: string;
  memberName: string;
  projectName: string;
  title: string;
  versionNumber: number;
  deadline: string;
  link: string;
  kind: "new" | "resend" | "new_version" | "reminder";
}) {
  const intro = {
    new: `The project board is asked to decide on "${p.title}" (version ${p.versionNumber}) for ${p.projectName}.`,
    resend: `Here is a new link to vote on "${p.title}" (version ${p.versionNumber}) for ${p.projectName}. Any earlier link for this proposal no longer works.`,
    new_version: `A new version (version ${p.versionNumber}) of "${p.title}" for ${p.projectName} has been sent to the board. Links in earlier emails no longer work; if you had voted, please vote again on this version.`,
    reminder: `You have not yet voted on "${p.title}" (version ${p.versionNumber}) for ${p.projectName}. This reminder has a new link; the earlier one no longer works.`,
  }[p.kind];
  const subject = {
    new: `Board decision needed: ${p.title}`,
    resend: `New voting link: ${p.title}`,
    new_version: `New version to decide: ${p.title}`,
    reminder: `Reminder: vote by ${formatDate(p.deadline)} on ${p.title}`,
  }[p.kind];
  const content = renderEmail({
    heading: subject,
    paragraphs: [
      `Dear ${p.memberName},`,
      intro,
      `Please vote by the end of ${formatDate(p.deadline)}. The link opens the proposal, its consultation summary and a form to approve, reject or abstain. Opening the link does not record anything: only submitting the form does.`,
    ],
    link: { href: p.link, text: "Read the proposal and vote" },
    footer: "This link is personal to you. Do not forward this email. You can also sign in to Waymark and vote there.",
  });
  return { to: p.to, subject, ...content };
}

export function consultationEmail(p: { to: string; name: string; projectName: string; title: string; link: string }) {
  const subject = `Consultation open: ${p.title}`;
  return {
    to: p.to,
    subject,
    ...renderEmail({
      heading: subject,
      paragraphs: [
        `Dear ${p.name},`,
        `A proposal for ${p.projectName}, "${p.title}", is open for consultation. Please sign in to read it and record whether you support it, have concerns or object.`,
      ],
      link: { href: p.link, text: "Read the proposal and respond" },
      footer: "You get this email because you are a consultee on this project in Waymark.",
    }),
  };
}

export function outcomeEmail(p: { to: string; projectName: string; title: string; outcome: keyof typeof OUTCOME_WORDS; decidedOn: string; explanation: string; link: string; method: "email_ballot" | "meeting" }) {
  const subject = `Decision: ${p.title} was ${OUTCOME_WORDS[p.outcome]}`;
  return {
    to: p.to,
    subject,
    ...renderEmail({
      heading: subject,
      paragraphs: [
        p.method === "meeting"
          ? `The board decided on "${p.title}" for ${p.projectName} at a meeting on ${formatDate(p.decidedOn)}.`
          : `The board's email ballot on "${p.title}" for ${p.projectName} closed on ${formatDate(p.decidedOn)}.`,
        `Outcome: ${OUTCOME_WORDS[p.outcome]}. ${p.explanation}`,
      ],
      link: { href: p.link, text: "See the decision record" },
      footer: "You get this email because you manage, sit on the board of, or were consulted on this project.",
    }),
  };
}
