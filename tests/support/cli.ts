// Runs the waymark command line in this process (`main(argv)` from app/cli/main.ts) with its
// output captured: no child process, so CLI tests stay quick and reliable on a loaded machine.
// `env` is set for the call only (DATABASE_PATH to point a command at another database).
import { main } from "~/cli/main";
import { resetEnvCache } from "~/env.server";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  resetEnvCache();
  let stdout = "";
  let stderr = "";
  try {
    const code = await main(args, { out: (line) => void (stdout += `${line}\n`), err: (line) => void (stderr += `${line}\n`) });
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
  }
}

/** Runs a command that must succeed; gives its standard output. */
export async function cliOutput(args: string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`waymark ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}
