// Bundles the command line (app/cli/main.ts and everything it imports) into one ES module with
// esbuild at build time, so `waymark` starts without compiling TypeScript (tsx stays for
// development: bin/waymark.js falls back to it when no bundle exists).
// Pure-JavaScript packages the CLI always loads are bundled too, minified: resolving and parsing
// hundreds of small files in node_modules cost more than the TypeScript compile saved. Anything
// else (native modules such as better-sqlite3, packages that read files beside their own code
// such as pdfkit's fonts, and any package added later) stays external and loads from node_modules.
// Output: build-cli/waymark.mjs at the repository root, so db/migrations resolves from it as from the sources.
import { build } from "esbuild";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUNDLED = /^(drizzle-orm|zod|react|react-dom|scheduler|@remix-run|react-router|react-router-dom|@web3-storage|cookie|cookie-signature|set-cookie-parser|source-map-support|undici|stream-slice|nodemailer)(\/|$)/;

const started = Date.now();
await build({
  entryPoints: [path.join(root, "app/cli/main.ts")],
  outfile: path.join(root, "build-cli/waymark.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minify: true,
  tsconfig: path.join(root, "tsconfig.json"),
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  // CommonJS packages bundled into an ES module still call require() for Node's built-ins.
  banner: { js: 'import { createRequire as __waymarkRequire } from "node:module"; const require = __waymarkRequire(import.meta.url);' },
  plugins: [
    {
      name: "external-unless-listed",
      setup(b) {
        b.onResolve({ filter: /^[^./~#]/ }, (args) => {
          if (args.path.startsWith("node:") || !BUNDLED.test(args.path)) return { path: args.path, external: true };
          return undefined;
        });
      },
    },
  ],
  sourcemap: "linked",
  logLevel: "warning",
  legalComments: "none",
});
console.log(`CLI bundled into build-cli/waymark.mjs in ${Date.now() - started} ms`);
