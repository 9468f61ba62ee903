import { parseArgs, type ParseArgsConfig } from "node:util";
import { commands } from "./commands";

const HELP = `waymark: manage a Waymark installation from the command line

Usage: waymark <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(22)}${c.summary}`)
  .join("\n")}

Every command uses DATABASE_PATH (default ./data/waymark.db).
Run "waymark <command> --help" for a command's options.
`;

export interface CommandContext {
  args: string[];
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command {
  summary: string;
  usage: string;
  options?: ParseArgsConfig["options"];
  /** Returns the exit code. */
  run(values: Record<string, unknown>, positionals: string[], ctx: CommandContext): Promise<number> | number;
}

export async function main(argv: string[], io = { out: console.log, err: console.error }): Promise<number> {
  // Two-word commands ("user create", "audit verify") are looked up first.
  const two = argv.slice(0, 2).join(" ");
  const name = commands[two] ? two : argv[0];
  const rest = commands[two] ? argv.slice(2) : argv.slice(1);
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`Unknown command "${argv.join(" ")}".\n\n${HELP}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...(command.options ?? {}), help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}`);
    return 0;
  }
  try {
    return await command.run(values, parsed.positionals, { args: rest, ...io });
  } catch (error) {
    io.err(`waymark ${name}: ${(error as Error).message}`);
    return 1;
  }
}
