// SVG → PNG in a child process. resvg is native code: on a drawing it cannot handle (a huge
// canvas, a marker far outside the viewport) it aborts the whole process, and a worker thread
// does not contain an abort. So each PNG is drawn by a short-lived `node` that loads resvg, reads
// the SVG on stdin and writes the PNG on stdout; if it dies, the caller gets a RenderError and
// the server carries on. Starting it costs about 50 ms against the 2 s budget.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

/** Drawing took too long or the renderer died: say so, never take the server down with it. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RenderError";
  }
}

export interface RasteriseOptions {
  font: { loadSystemFonts: boolean; fontFiles: string[]; defaultFontFamily: string };
  fitTo: { mode: "original" } | { mode: "zoom"; value: number };
  background: string;
  shapeRendering: number;
  textRendering: number;
}

/** Long enough for the largest page we draw (a few seconds), short enough not to pile up. */
export const RENDER_TIMEOUT_MS = 60_000;

// CommonJS, run with `node -e`: argv[1] is resvg's entry, argv[2] the options as JSON.
const CHILD = `
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  try {
    const { Resvg } = require(process.argv[1]);
    process.stdout.write(new Resvg(Buffer.concat(chunks), JSON.parse(process.argv[2])).render().asPng());
  } catch (e) {
    process.stderr.write(String(e && e.message ? e.message : e).split("\\n")[0] + "\\n");
    process.exitCode = 1;
  }
});`;

let resvgEntry: string | null = null;
const entry = () => (resvgEntry ??= createRequire(import.meta.url).resolve("@resvg/resvg-js"));

export function rasterise(svg: string, options: RasteriseOptions, timeoutMs = RENDER_TIMEOUT_MS): Promise<{ png: Buffer; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    // An empty environment: nothing of the server's (secrets, NODE_OPTIONS) reaches the renderer.
    const child = spawn(process.execPath, ["-e", CHILD, entry(), JSON.stringify(options)], { env: { NODE_ENV: "production" }, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => {
      if (err.length < 2000) err += c.toString("utf8");
    });
    child.stdin.on("error", () => {}); // the child may die before it has read everything
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new RenderError(`The PNG renderer could not start: ${e.message}`));
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const png = Buffer.concat(out);
      if (code === 0 && png.length > 24 && png.readUInt32BE(12) === 0x49484452 /* IHDR */) {
        resolve({ png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
        return;
      }
      const why = timedOut
        ? `it took longer than ${Math.round(timeoutMs / 1000)} seconds`
        : (err.trim().split("\n").find((l) => l.trim()) ?? (signal ? `it stopped with ${signal}` : `it exited with code ${code}`));
      reject(new RenderError(`The PNG could not be drawn: ${why}.`));
    });
    child.stdin.end(svg);
  });
}
