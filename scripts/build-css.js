// Compiles styles/app.scss (GOV.UK Frontend with Waymark's font stack) to public/styles/app.css
// and copies the GOV.UK Frontend assets the CSS refers to (icons, not the crown or fonts).
import fs from "node:fs";
import path from "node:path";
import * as sass from "sass";

const root = process.cwd();
const result = sass.compile(path.join(root, "styles/app.scss"), {
  importers: [new sass.NodePackageImporter(root)],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (/GDS Transport/.test(result.css)) throw new Error("The GDS Transport font must not be used outside GOV.UK");
fs.mkdirSync(path.join(root, "public/styles"), { recursive: true });
fs.writeFileSync(path.join(root, "public/styles/app.css"), result.css);
const assets = path.join(root, "node_modules/govuk-frontend/dist/govuk/assets/images");
const target = path.join(root, "public/assets/images");
fs.mkdirSync(target, { recursive: true });
for (const file of fs.readdirSync(assets)) {
  if (/crown|govuk-logo|govuk-icon|favicon|opengraph/i.test(file)) continue;
  fs.copyFileSync(path.join(assets, file), path.join(target, file));
}
console.log(`public/styles/app.css: ${(result.css.length / 1024).toFixed(0)} KiB`);
