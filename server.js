// Waymark's HTTP server: Express in front of the Remix build, and the one place for HTTP concerns
// (compression, security headers, the cross-origin check, body limits, caching). Stateless apart
// from the database, so several can run behind a load balancer (set RUN_SCHEDULER=0 on all but one).
// See docs/decisions/0006-http-headers.md.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import helmet from "helmet";

// The build directory is the one setting read before the app's own modules are loaded.
const BUILD_DIR = path.resolve(process.env.WAYMARK_BUILD_DIR ?? "build");
const build = await import(path.join(BUILD_DIR, "index.js"));
const hooks = build.entry.module;

// Every other setting comes from app/env.server.ts (which loads .env when present).
let env;
try {
  env = hooks.getEnv();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
hooks.onServerStart?.();

const ownOrigin = new URL(env.APP_URL).origin;
const MEGABYTE = 1024 * 1024;
const BODY_LIMITS = { form: 1 * MEGABYTE, multipart: 10 * MEGABYTE };
// The spreadsheet import page takes a file up to SHEET_IMPORT_MAX_MB; the body may be up to twice
// that (plus the form's other fields) so a file just over the limit gets the page's own message,
// not a bare 413. The page reads no more than the limit (app/modules/sheet/upload.server.ts).
const IMPORT_PATH = /^\/projects\/[^/]+\/import\/?$/;
const importBodyLimit = Math.ceil(2 * env.SHEET_IMPORT_MAX_MB * MEGABYTE) + MEGABYTE;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY);
// Requests start in the order they arrived, one per turn of the event loop (decision 26).
app.use(hooks.arrivalOrder());

// HTML, JSON, JS and CSS, gzip or brotli as the client prefers; sets Vary: Accept-Encoding.
app.use(compression());

// Headers that must have one value: a route that sets one replaces the default below instead of
// adding a second value (Remix's Express adapter appends).
const SINGLE_VALUED = new Set(["cache-control", "referrer-policy", "content-security-policy", "x-frame-options"]);

app.use((req, res, next) => {
  // The client address, as the app sees it: never one a client claims in this header itself.
  req.headers["x-waymark-client-ip"] = req.ip ?? "unknown";
  // A fresh nonce per response for the inline scripts Remix renders (root.tsx, entry.server.tsx).
  res.locals.cspNonce = randomBytes(16).toString("base64");
  const append = res.append.bind(res);
  res.append = (field, value) => (SINGLE_VALUED.has(field.toLowerCase()) ? res.set(field, value) : append(field, value));
  // A ballot link's path is its credential: it must never leave in a Referer header.
  res.set("Referrer-Policy", req.path.startsWith("/ballot/") || req.path.startsWith("/published/") ? "no-referrer" : "same-origin");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
});

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        // mermaid and react-big-calendar set inline styles; a style cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(ownOrigin.startsWith("https:") ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: false,
    strictTransportSecurity: ownOrigin.startsWith("https:") ? { maxAge: 31_536_000 } : false,
    xFrameOptions: { action: "deny" },
  }),
);

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
  if (origin && (origin === own || origin === ownOrigin)) return next();
  // A page sent with "Referrer-Policy: no-referrer" (ballot links) makes the browser send
  // "Origin: null" and no Referer on a plain form POST; the browser's own Sec-Fetch-Site says where it came from.
  // Remix refuses "Origin: null" itself, so the header is dropped once the request is known to be ours.
  if (!origin && req.get("sec-fetch-site") === "same-origin") {
    delete req.headers.origin;
    return next();
  }
  try {
    // A ballot link's path is its credential: it never goes into the audit trail.
    const loggedPath = req.path.replace(/^\/ballot\/[^/]+/, "/ballot/[token]").replace(/^\/published\/[^/]+/, "/published/[token]");
    hooks.recordRefusedRequest?.({ ip: req.ip ?? "unknown", method: req.method, path: loggedPath, origin });
  } catch (error) {
    console.error(error);
  }
  res.status(403).type("text/plain").send("Refused: this request did not come from a Waymark page.");
});

// Bodies: a length that is known and bounded. What a body may contain is checked where actions
// read it (app/utils/request-body.server.ts): anything but a readable form answers 415 or 400.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const length = req.get("content-length");
  if (length === undefined) {
    if (!req.get("transfer-encoding")) return next();
    return res.status(411).type("text/plain").send("Send the form with a Content-Length.");
  }
  const multipart = req.is("multipart/form-data");
  const limit = multipart && IMPORT_PATH.test(req.path) ? importBodyLimit : multipart ? BODY_LIMITS.multipart : BODY_LIMITS.form;
  if (!/^\d+$/.test(length) || Number(length) > limit) {
    return res.status(413).type("text/plain").send(`What was sent is too large: the limit is ${Math.round((limit / MEGABYTE) * 10) / 10} MB.`);
  }
  next();
});

app.use("/build", express.static(path.join(BUILD_DIR, "client"), { immutable: true, maxAge: "1y", fallthrough: false }));
// public/ is filled at build time (styles, images, the icon): only paths under its entries go to
// the file system. Every page's path used to cost a failed stat there first (2% of a plan page's CPU).
const publicNames = new Set(fs.existsSync("public") ? fs.readdirSync("public") : []);
const servePublic = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (publicNames.has(req.path.split("/", 2)[1]) ? servePublic(req, res, next) : next()));

// Pages and data are personal (signed-in pages, ballot links): never stored by a browser or proxy.
app.use((_req, res, next) => {
  res.set("Cache-Control", "no-store");
  next();
});

app.all(
  "*",
  createRequestHandler({
    // Actions read only forms (request-body.server.ts); loaders share one scope per request (request-scope.server.ts).
    build: hooks.withRequestScopes(hooks.withGuardedActions(build)),
    mode: env.NODE_ENV,
    // `page`: a GET for a whole page, not Remix's ?_data (which loaders cannot tell apart: Remix strips
    // the parameter), so a page kept whole may be sent again (app/utils/page-cache.server.ts).
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, pageRequest: req.method === "GET" && req.query._data === undefined }),
  }),
);

const server = app.listen(env.PORT, () => {
  console.log(`Waymark is running at ${env.APP_URL} (port ${env.PORT})`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    hooks.onServerStop?.();
    server.close(() => process.exit(0));
  });
}
