// Proposals shown only at the right stage, and ballot links that never touch the database file.
import fs from "node:fs";
import type { AddressObject, ParsedMail } from "mailparser";
import { getSqlite, write } from "~/db.server";
import { sendToBoard } from "~/modules/approval/service.server";
import { createProposal, editProposal, openConsultation } from "~/modules/proposal/service.server";
import * as proposalPage from "~/routes/projects.$slug.proposals.$proposalId._index";
import * as comparePage from "~/routes/projects.$slug.proposals.$proposalId.compare";
import * as consultationPage from "~/routes/projects.$slug.proposals.$proposalId.consultation";
import * as requestPage from "~/routes/projects.$slug.proposals.$proposalId.request";
import * as listPage from "~/routes/projects.$slug.proposals._index";
import { todayInLondon } from "~/utils/dates";
import { addRole, createBoard, createProject, createUser } from "../../seeds/factories";
import { startSmtpServer } from "../support/smtp";
import { call, requestAs } from "../utils";

function setup() {
  return write((tx) => {
    const project = createProject(tx, { slug: "pilot", name: "Home-working pilot" });
    const manager = createUser(tx, { name: "Priya Shah", email: "manager@waymark.test" });
    const consultee = createUser(tx, { name: "Sam Okafor", email: "consultee@waymark.test" });
    const reader = createUser(tx, { name: "Jo Evans", email: "reader@waymark.test" });
    const members = ["Helen Wright", "Stephen Moss", "Lorna Baxter"].map((name, i) => createUser(tx, { name, email: `member${i}@waymark.test` }));
    addRole(tx, project.id, manager.person.id, "manager");
    addRole(tx, project.id, consultee.person.id, "consultee");
    addRole(tx, project.id, reader.person.id, "reader");
    const board = createBoard(tx, { projectId: project.id, name: "Pilot board", decisionRule: "majority" }, members.map((m) => m.person.id));
    return { project, manager, consultee, reader, members, board };
  });
}

const actorOf = (u: { user: { id: number }; person: { id: number; name: string } }) => ({ userId: u.user.id, personId: u.person.id, label: u.person.name });

function draft(w: ReturnType<typeof setup>) {
  const proposal = createProposal({ actor: actorOf(w.manager), projectId: w.project.id, title: "Home-working policy", workPackageId: null, body: "First draft", optionsConsidered: "", recommendation: "Adopt" });
  return proposal;
}

async function pagesAs(userId: number, proposalId: number) {
  const base = `/projects/pilot/proposals/${proposalId}`;
  const params = { slug: "pilot", proposalId: String(proposalId) };
  const get = async (route: { loader: unknown }, path: string) => (await call(route.loader as never, await requestAs(userId, path), params)).status;
  const list = await call(listPage.loader as never, await requestAs(userId, "/projects/pilot/proposals"), { slug: "pilot" });
  const listed = ((await list.json()) as { proposals: Array<{ id: number }> }).proposals.some((p) => p.id === proposalId);
  return {
    listed,
    page: await get(proposalPage, base),
    version: await get(proposalPage, `${base}?version=1`),
    compare: await get(comparePage, `${base}/compare?from=1&to=1`),
    consultation: await get(consultationPage, `${base}/consultation`),
    request: await get(requestPage, `${base}/request`),
  };
}

describe("drafts are the managers' working copy", () => {
  it("a consultee gets 404 for a draft everywhere, and sees it once it is sent to consultation", async () => {
    const w = setup();
    const proposal = draft(w);
    const hidden = { listed: false, page: 404, version: 404, compare: 404, consultation: 404, request: 404 };
    expect(await pagesAs(w.consultee.user.id, proposal.id)).toEqual(hidden);
    // A consultee posting a response to a draft is told it does not exist, too.
    const post = await call(
      consultationPage.action as never,
      await requestAs(w.consultee.user.id, `/projects/pilot/proposals/${proposal.id}/consultation`, { form: { intent: "respond", position: "objects", comment: "" } }),
      { slug: "pilot", proposalId: String(proposal.id) },
    );
    expect(post.status).toBe(404);
    // The manager and a reader still see the draft.
    expect(await pagesAs(w.manager.user.id, proposal.id)).toMatchObject({ listed: true, page: 200, compare: 200, request: 200 });
    expect(await pagesAs(w.reader.user.id, proposal.id)).toMatchObject({ listed: true, page: 200, compare: 200 });

    await openConsultation({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: proposal.id });
    expect(await pagesAs(w.consultee.user.id, proposal.id)).toEqual({ listed: true, page: 200, version: 200, compare: 200, consultation: 200, request: 200 });
  });

  it("a proposal sent straight from draft to the board is visible to consultees from then on", async () => {
    const smtp = await startSmtpServer();
    try {
      const w = setup();
      const proposal = draft(w);
      await sendToBoard({ actor: actorOf(w.manager), projectId: w.project.id, proposalId: proposal.id, boardId: w.board.id, deadline: todayInLondon() });
      expect(await pagesAs(w.consultee.user.id, proposal.id)).toMatchObject({ listed: true, page: 200 });
    } finally {
      await smtp.close();
    }
  });
});

const toOf = (m: ParsedMail) => ([] as Array<AddressObject | undefined>).concat(m.to).map((a) => a?.text ?? "").join(", ");

describe("ballot tokens never reach the database file", () => {
  it("after sending to the board and then a new version: no token sent by SMTP is in the database or its WAL", async () => {
    const smtp = await startSmtpServer();
    try {
      const w = setup();
      const proposal = draft(w);
      const actor = actorOf(w.manager);
      await sendToBoard({ actor, projectId: w.project.id, proposalId: proposal.id, boardId: w.board.id, deadline: todayInLondon() });
      editProposal({ actor, projectId: w.project.id, proposalId: proposal.id, baseVersion: 1, title: "Home-working policy", workPackageId: null, body: "Second", optionsConsidered: "", recommendation: "Adopt" });
      await sendToBoard({ actor, projectId: w.project.id, proposalId: proposal.id, boardId: w.board.id, deadline: todayInLondon() });
      for (const m of w.members) await smtp.waitFor((x) => toOf(x).includes(m.person.email!) && /New version/.test(x.subject ?? ""));
      const tokens = smtp.messages.map((m) => /\/ballot\/([A-Za-z0-9_-]{43})/.exec(m.text ?? "")?.[1]).filter((t): t is string => Boolean(t));
      expect(tokens).toHaveLength(6);
      const file = process.env.DATABASE_PATH!;
      const bytes = Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]);
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      for (const token of tokens) expect(bytes.includes(Buffer.from(token))).toBe(false);
      // The outbox keeps a readable copy, with the link removed.
      const stored = getSqlite().prepare("select text from outbox where dedupe_key like 'ballot:%'").all() as Array<{ text: string }>;
      expect(stored).toHaveLength(6);
      for (const row of stored) expect(row.text).toContain("/ballot/[personal link removed]");
    } finally {
      await smtp.close();
    }
  });
});
