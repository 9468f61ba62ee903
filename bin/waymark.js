#!/usr/bin/env node
// The waymark command line: the same domain services as the app, run through tsx so the
// TypeScript sources are the single implementation.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(join(root, "app/cli/main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
