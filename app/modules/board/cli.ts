// CLI commands for governance set-up: `waymark board ...`, `waymark team ...`, `waymark recommendation ...`.
// They parse options with the same zod schemas as the app's forms, then call the same services.
import { eq, sql } from "drizzle-orm";
import { people, programmes, projects } from "#db/schema";
import type { Command, CommandContext } from "~/cli/main";
import { getDb } from "~/db.server";
import { describeRule } from "~/modules/approval/decision-rule";
import { systemActor } from "~/modules/audit/actor";
import { recommendationSchema } from "~/modules/recommendation/forms";
import { createRecommendation, listRecommendations } from "~/modules/recommendation/service.server";
import { teamCreateSchema } from "~/modules/team/forms";
import { addTeamMember, createTeam, listTeams } from "~/modules/team/service.server";
import { UserInputError } from "~/utils/errors";
import { boardCreateSchema } from "./forms";
import { addBoardMember, createBoard, listBoards, type GovernanceScope } from "./service.server";

const cliActor = () => systemActor(`cli:${process.env.USER ?? "unknown"}`);

class CliRefusal extends Error {}

/** --project SLUG or --programme SLUG as a scope. */
function scopeFrom(values: Record<string, unknown>, allowProgramme = true): GovernanceScope {
  const project = values.project as string | undefined;
  const programme = values.programme as string | undefined;
  if (project && !programme) {
    const row = getDb().select({ id: projects.id }).from(projects).where(eq(projects.slug, project)).get();
    if (!row) throw new CliRefusal(`No project has the short name "${project}".`);
    return { projectId: row.id };
  }
  if (programme && !project && allowProgramme) {
    const row = getDb().select({ id: programmes.id }).from(programmes).where(eq(programmes.slug, programme)).get();
    if (!row) throw new CliRefusal(`No programme has the short name "${programme}".`);
    return { programmeId: row.id };
  }
  throw new CliRefusal(allowProgramme ? "Name one project (--project SLUG) or one programme (--programme SLUG)." : "Name the project: --project SLUG.");
}

function personId(email: string) {
  const row = getDb().select({ id: people.id }).from(people).where(sql`lower(${people.email}) = lower(${email})`).get();
  if (!row) throw new CliRefusal(`Nobody has the email ${email}.`);
  return row.id;
}

/** Runs a command body, turning refusals and business-rule errors into messages and exit code 1. */
async function guarded(ctx: CommandContext, body: () => number | Promise<number>) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliRefusal) {
      ctx.err(error.message);
      return 1;
    }
    if (error instanceof UserInputError) {
      ctx.err(Object.values(error.fieldErrors).join(" "));
      return 1;
    }
    throw error;
  }
}

/** zod messages for the options, named by option. */
function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }): T {
  if (result.success) return result.data;
  throw new CliRefusal(result.error.issues.map((i) => `--${String(i.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join("\n"));
}

const asList = (v: unknown) => (v == null ? [] : ([] as string[]).concat(v as string | string[]));

export const governanceCommands: Record<string, Command> = {
  "board create": {
    summary: "Set up a board for a project or programme",
    usage:
      'waymark board create (--project SLUG | --programme SLUG) --name "NAME" --rule majority|unanimous|quorum [--quorum N] [--casting-vote --chair EMAIL] [--member EMAIL ...]',
    options: {
      project: { type: "string" },
      programme: { type: "string" },
      name: { type: "string" },
      rule: { type: "string" },
      quorum: { type: "string" },
      "casting-vote": { type: "boolean" },
      chair: { type: "string" },
      member: { type: "string", multiple: true },
    },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values);
        const members = asList(values.member).map(personId);
        const chair = values.chair ? personId(values.chair as string) : null;
        if (chair !== null && !members.includes(chair)) members.push(chair);
        const input = parsed(
          boardCreateSchema.safeParse({
            name: values.name ?? "",
            decisionRule: values.rule ?? "",
            quorum: values.quorum ?? "",
            castingVote: values["casting-vote"] ? "yes" : "no",
            chairPersonId: chair === null ? "" : String(chair),
            memberIds: members.map(String),
          }),
        );
        const board = createBoard({ actor: cliActor(), scope, ...input });
        ctx.out(`Set up board ${board.id} "${board.name}" (${describeRule({ kind: board.decisionRule, quorum: board.quorum, castingVote: board.castingVote })}) with ${members.length} ${members.length === 1 ? "member" : "members"}.`);
        return 0;
      });
    },
  },
  "board add-member": {
    summary: "Add a person to a board",
    usage: "waymark board add-member (--project SLUG | --programme SLUG) --board ID --email EMAIL",
    options: { project: { type: "string" }, programme: { type: "string" }, board: { type: "string" }, email: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values);
        const boardId = Number(values.board);
        if (!Number.isInteger(boardId) || boardId < 1) throw new CliRefusal("--board must be a board's number (see waymark board list).");
        if (!values.email) throw new CliRefusal("--email is required.");
        addBoardMember({ actor: cliActor(), scope, boardId, personId: personId(values.email as string) });
        ctx.out(`Added ${values.email as string} to board ${boardId}.`);
        return 0;
      });
    },
  },
  "board list": {
    summary: "List the boards that can decide for a project (or a programme's own)",
    usage: "waymark board list (--project SLUG | --programme SLUG)",
    options: { project: { type: "string" }, programme: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const boards = listBoards({ scope: scopeFrom(values) });
        for (const b of boards)
          ctx.out(`${String(b.id).padStart(4)}  ${b.name}  ${describeRule({ kind: b.decisionRule, quorum: b.quorum, castingVote: b.castingVote })}, ${b.members} members${b.ownBoard ? "" : " (programme)"}`);
        ctx.out(`${boards.length} ${boards.length === 1 ? "board" : "boards"}.`);
        return 0;
      });
    },
  },
  "team create": {
    summary: "Add a team (that can own actions) to a project or programme",
    usage: 'waymark team create (--project SLUG | --programme SLUG) --name "NAME" [--member EMAIL ...]',
    options: { project: { type: "string" }, programme: { type: "string" }, name: { type: "string" }, member: { type: "string", multiple: true } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values);
        const memberIds = asList(values.member).map(personId);
        const input = parsed(teamCreateSchema.safeParse({ name: values.name ?? "", memberIds: memberIds.map(String) }));
        const team = createTeam({ actor: cliActor(), scope, ...input });
        ctx.out(`Added team ${team.id} "${team.name}" with ${memberIds.length} ${memberIds.length === 1 ? "member" : "members"}.`);
        return 0;
      });
    },
  },
  "team add-member": {
    summary: "Add a person to a team",
    usage: "waymark team add-member (--project SLUG | --programme SLUG) --team ID --email EMAIL",
    options: { project: { type: "string" }, programme: { type: "string" }, team: { type: "string" }, email: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values);
        const teamId = Number(values.team);
        if (!Number.isInteger(teamId) || teamId < 1) throw new CliRefusal("--team must be a team's number (see waymark team list).");
        if (!values.email) throw new CliRefusal("--email is required.");
        addTeamMember({ actor: cliActor(), scope, teamId, personId: personId(values.email as string) });
        ctx.out(`Added ${values.email as string} to team ${teamId}.`);
        return 0;
      });
    },
  },
  "team list": {
    summary: "List the teams a project's actions can name as owners (or a programme's own)",
    usage: "waymark team list (--project SLUG | --programme SLUG)",
    options: { project: { type: "string" }, programme: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const teams = listTeams({ scope: scopeFrom(values) });
        for (const t of teams) ctx.out(`${String(t.id).padStart(4)}  ${t.name}  ${t.members} members`);
        ctx.out(`${teams.length} ${teams.length === 1 ? "team" : "teams"}.`);
        return 0;
      });
    },
  },
  "recommendation add": {
    summary: "Add a recommendation (from an inspection or review) that actions answer",
    usage: 'waymark recommendation add --project SLUG --ref R1 --title "TITLE" [--text "TEXT"] [--source "SOURCE"]',
    options: { project: { type: "string" }, ref: { type: "string" }, title: { type: "string" }, text: { type: "string" }, source: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values, false) as { projectId: number };
        const input = parsed(recommendationSchema.safeParse({ ref: values.ref ?? "", title: values.title ?? "", body: values.text ?? "", source: values.source ?? "" }));
        const r = createRecommendation({ actor: cliActor(), projectId: scope.projectId, ...input });
        ctx.out(`Added recommendation ${r.ref}: ${r.title}.`);
        return 0;
      });
    },
  },
  "recommendation list": {
    summary: "List a project's recommendations with the progress of the actions answering them",
    usage: "waymark recommendation list --project SLUG",
    options: { project: { type: "string" } },
    run(values, _p, ctx) {
      return guarded(ctx, () => {
        const scope = scopeFrom(values, false) as { projectId: number };
        const recs = listRecommendations(scope);
        for (const r of recs) ctx.out(`${r.ref.padEnd(6)}  ${r.title}  (${r.progress.text})${r.source ? `  [${r.source}]` : ""}`);
        ctx.out(`${recs.length} ${recs.length === 1 ? "recommendation" : "recommendations"}.`);
        return 0;
      });
    },
  },
};
