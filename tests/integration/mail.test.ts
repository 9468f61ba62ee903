import { eq } from "drizzle-orm";
import { outbox } from "#db/schema";
import { getDb } from "~/db.server";
import { resetEnvCache } from "~/env.server";
import { getOutboxMessage, listOutbox, sendMail } from "~/modules/mail/mailer.server";
import { renderEmail } from "~/modules/mail/templates";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

const content = () =>
  renderEmail({
    heading: "Your actions due this week",
    paragraphs: ["Action 4.2 <Review policy> is due on 27 Mar 2026.", "Reply & let Priya know."],
    link: { href: "http://localhost:3999/my-actions?x=1&y=2", text: "See your actions" },
    footer: "You get this email because you own actions in Waymark.",
  });

describe("renderEmail", () => {
  it("writes the link out in the text part and escapes everything in the HTML", () => {
    const { text, html } = content();
    expect(text).toContain("Your actions due this week");
    expect(text).toContain("Action 4.2 <Review policy> is due on 27 Mar 2026.");
    expect(text).toContain("See your actions:\nhttp://localhost:3999/my-actions?x=1&y=2");
    expect(text).toContain("You get this email because you own actions in Waymark.");
    expect(html).toContain("Action 4.2 &lt;Review policy&gt; is due");
    expect(html).not.toContain("<Review policy>");
    expect(html).toContain('href="http://localhost:3999/my-actions?x=1&amp;y=2"');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain("<title>Your actions due this week</title>");
  });

  it("will not put a javascript: link or injected markup into the HTML", () => {
    const { html } = renderEmail({
      heading: '<script>alert("x")</script>',
      paragraphs: ['"><img src=x onerror=alert(1)>'],
      link: { href: "javascript:alert(1)", text: "Click" },
    });
    expect(html).not.toMatch(/<script|<img|href="javascript:/i);
    expect(html).toContain('href="#"');
  });
});

describe("sendMail", () => {
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it("stores the message in the outbox when no SMTP server is configured", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    const result = await sendMail({ to: "priya@example.org", subject: "Stored only", ...content() });
    expect(result).toMatchObject({ duplicate: false, status: "stored" });
    const row = getOutboxMessage(result.id!);
    expect(row).toMatchObject({ to: "priya@example.org", subject: "Stored only", status: "stored", transport: "outbox" });
    expect(row!.text).toContain("See your actions:");
    expect(listOutbox().messages.map((m) => m.id)).toEqual([result.id]);
  });

  it("delivers over SMTP with the subject, recipient, text and HTML parts intact", async () => {
    smtp = await startSmtpServer();
    const { text, html } = content();
    const result = await sendMail({ to: "priya@example.org", subject: "Actions due – week of 23 March", text, html });
    expect(result.status).toBe("sent");
    const received = await smtp.waitFor((m) => m.subject === "Actions due – week of 23 March");
    const to = Array.isArray(received.to) ? received.to[0] : received.to;
    expect(to?.value[0]?.address).toBe("priya@example.org");
    expect(received.text?.trim()).toBe(text.trim());
    expect(received.html).toBeTruthy();
    expect(String(received.html)).toContain("Action 4.2 &lt;Review policy&gt; is due");
    expect(String(received.html)).toContain('href="http://localhost:3999/my-actions?x=1&amp;y=2"');
    expect(getOutboxMessage(result.id!)?.status).toBe("sent");
  });

  it("sends a message with a dedupe key only once", async () => {
    smtp = await startSmtpServer();
    const message = { to: "ben@example.org", subject: "Digest", dedupeKey: "digest:ben:2026-03-23", ...content() };
    const first = await sendMail(message);
    const second = await sendMail(message);
    expect(first).toMatchObject({ duplicate: false, status: "sent" });
    expect(second).toMatchObject({ duplicate: true, id: null });
    await smtp.waitFor((m) => m.subject === "Digest");
    // A third, different message proves the server was still listening when the second was refused.
    await sendMail({ to: "ben@example.org", subject: "After", ...content() });
    await smtp.waitFor((m) => m.subject === "After");
    expect(smtp.messages.filter((m) => m.subject === "Digest")).toHaveLength(1);
    expect(getDb().select().from(outbox).where(eq(outbox.dedupeKey, "digest:ben:2026-03-23")).all()).toHaveLength(1);
  });

  it("marks the message failed, without throwing, when the server refuses the recipient", async () => {
    smtp = await startSmtpServer({ rejectRecipient: (a) => a.startsWith("nobody@") });
    const result = await sendMail({ to: "nobody@example.org", subject: "Bounce", ...content() });
    expect(result.status).toBe("failed");
    const row = getOutboxMessage(result.id!);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/550|Mailbox unavailable|recipient/i);
    expect(smtp.messages).toHaveLength(0);
  });

  it("marks the message failed, without throwing, when the mail server is not there", async () => {
    const gone = await startSmtpServer({ setEnv: false });
    await gone.close();
    process.env.SMTP_URL = gone.url;
    resetEnvCache();
    try {
      const result = await sendMail({ to: "priya@example.org", subject: "Nowhere", ...content() });
      expect(result.status).toBe("failed");
      expect(getOutboxMessage(result.id!)).toMatchObject({ status: "failed", transport: "smtp" });
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
    }
  });
});
