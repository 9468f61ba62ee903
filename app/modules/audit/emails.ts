// The words of the daily audit checkpoint email. Pure: checkpoint.server.ts sends it.
import { formatDate } from "~/components/layout";
import { renderEmail } from "~/modules/mail/templates";

export function checkpointEmail(p: { to: string; name: string; day: string; count: number; hash: string; signed: string }) {
  const subject = `Audit checkpoint for ${formatDate(p.day)}: ${p.count} events`;
  const signature = p.signed.split(":")[2] ?? "";
  return {
    to: p.to,
    subject,
    ...renderEmail({
      heading: subject,
      paragraphs: [
        `Dear ${p.name},`,
        `Waymark's audit trail held ${p.count} events when this checkpoint was taken. Keep this email somewhere other than the Waymark server: it is how you can tell later that no event up to this one has been removed or changed.`,
        `Events: ${p.count}\nHead hash: ${p.hash}\nSignature: ${signature}`,
        `Checkpoint (one line):\n${p.signed}`,
        `To check the trail against it, run this on the server:\nwaymark audit verify --checkpoint ${p.signed}\nor save this email as a file and run: waymark audit verify --checkpoint FILE`,
        "If the check reports events removed or changed, tell your data protection officer.",
      ],
      footer: "You get this email once a day because you are a Waymark administrator.",
    }),
  };
}
