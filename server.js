// Waymark's HTTP server: Express in front of the Remix build. Stateless apart from the database,
// so several can run behind a load balancer (set RUN_SCHEDULER=0 on all but one).
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import express from "express";

const MODE = process.env.NODE_ENV ?? "production";
const BUILD_DIR = path.resolve(process.env.WAYMARK_BUILD_DIR ?? "build");
const BUILD_PATH = path.join(BUILD_DIR, "index.js");
const build = await import(BUILD_PATH);
const hooks = build.entry.module;
hooks.onServerStart?.();

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY ?? "loopback");

const appUrl = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
const allowedOrigins = new Set([new URL(appUrl).origin]);

app.use((req, res, next) => {
  // The client address, as the app sees it: never one a client claims in this header itself.
  req.headers["x-waymark-client-ip"] = req.ip ?? "unknown";
  res.set({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  });
  next();
});

// CSRF: a state-changing request must come from our own pages. Browsers send Origin on every POST
// (falling back to Referer), so a request from another origin, or one that names none, is refused.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const own = `${req.protocol}://${req.get("host")}`;
  let origin = req.get("origin") ?? null;
  if (!origin || origin === "null") {
    const referer = req.get("referer");
    try {
      origin = referer ? new URL(referer).origin : null;
    } catch {
      origin = null;
    }
  }
  if (origin && (origin === own || allowedOrigins.has(origin))) return next();
  // A page sent with "Referrer-Policy: no-referrer" (ballot links) makes the browser send
  // "Origin: null" and no Referer on a plain form POST; the browser's own Sec-Fetch-Site says where it came from.
  // Remix refuses "Origin: null" itself, so the header is dropped once the request is known to be ours.
  if (!origin && req.get("sec-fetch-site") === "same-origin") {
    delete req.headers.origin;
    return next();
  }
  try {
    // A ballot link's path is its credential: it never goes into the audit trail.
    const loggedPath = req.path.replace(/^\/ballot\/[^/]+/, "/ballot/[token]");
    hooks.recordRefusedRequest?.({ ip: req.ip ?? "unknown", method: req.method, path: loggedPath, origin });
  } catch (error) {
    console.error(error);
  }
  res.status(403).type("text/plain").send("Refused: this request did not come from a Waymark page.");
});

app.use("/build", express.static(path.join(BUILD_DIR, "client"), { immutable: true, maxAge: "1y", fallthrough: false }));
app.use(express.static("public", { maxAge: "1h" }));

app.all("*", createRequestHandler({ build, mode: MODE }));

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Waymark is running at ${appUrl} (port ${port})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    hooks.onServerStop?.();
    server.close(() => process.exit(0));
  });
}
