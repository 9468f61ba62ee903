#!/usr/bin/env node
// The waymark command line. `npm run build` bundles it (scripts/build-cli.js) into
// build-cli/waymark.mjs, which starts in a fraction of the time tsx takes to compile the
// TypeScript sources. Without a bundle, or with one older than any source file (a developer
// editing the code, tests run before a build), it runs the sources through tsx, so the
// TypeScript sources stay the single implementation. WAYMARK_CLI_SOURCES=1 forces tsx.
import fs from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundle = join(root, "build-cli/waymark.mjs");

/** Newest modification time of the sources the bundle is built from (a few ms for a few hundred files). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const dir of ["app", "db", "seeds"]) walk(join(root, dir));
  return newest;
}

function bundleIsFresh() {
  if (process.env.WAYMARK_CLI_SOURCES === "1") return false;
  try {
    return fs.statSync(bundle).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import("tsx/esm/api");
  register({ tsconfig: join(root, "tsconfig.json") });
  ({ main } = await import(pathToFileURL(join(root, "app/cli/main.ts")).href));
}
process.exitCode = await main(process.argv.slice(2));
