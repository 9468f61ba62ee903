// The bench's small API, so a section can be added in one call from its own file:
//
//   import { page, section } from "./harness";
//   page({ name: "Timeline", path: (d) => `/projects/${d.projectSlugs[0]}/timeline` });
//   section("Something else", async (ctx) => [{ label: "...", value: "3.1 ms", budget: "< 5 ms", pass: true }]);
//
// Pages are measured over HTTP against the real built server (autocannon, in process); sections
// run after them in the order they were added and return rows for the report.
import autocannon from "autocannon";
import type { EventEmitter } from "node:events";
import fs from "node:fs";
import zlib from "node:zlib";
import type { BenchData } from "./generate";

export interface BenchContext {
  base: string;
  data: BenchData;
  /** Cookie header of a signed-in session per user (owner first). */
  cookies: string[];
  serverPid: number;
  durations: { c1: number; c10: number; mixed: number };
}

export interface PageSpec {
  name: string;
  path: (data: BenchData) => string;
  /** Budgets on the median at c=1 and on the raw size; every page also has c=10 p99 < 150 ms. */
  budget?: { medianMs?: number; rawKB?: number };
}

export interface Figure {
  label: string;
  value: string;
  budget?: string;
  pass?: boolean;
}

export const pages: PageSpec[] = [];
export const sections: Array<{ name: string; run: (ctx: BenchContext) => Promise<Figure[]> | Figure[] }> = [];

export function page(spec: PageSpec) {
  pages.push(spec);
}
export function section(name: string, run: (ctx: BenchContext) => Promise<Figure[]> | Figure[]) {
  sections.push({ name, run });
}

// ------------------------------------------------------------------ figures

export function quantile(xs: number[], q: number) {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "-");
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const verdict = (pass: boolean | undefined) => (pass === undefined ? "" : pass ? "PASS" : "FAIL");

/** CPU seconds (user + system) used so far by a process, from /proc/<pid>/stat (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of the whole line (utime, stime) in clock ticks; 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in MB, from /proc/<pid>/status. */
export function rssMB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export interface LoadResult {
  times: number[];
  requests: number;
  errors: number;
  non2xx: number;
  cpuMsPerRequest: number;
}

/** Runs autocannon and keeps every response time, for true p50/p95/p99. */
export async function load(
  opts: autocannon.Options & { pid: number },
): Promise<LoadResult> {
  const times: number[] = [];
  let non2xx = 0;
  const cpu0 = cpuSeconds(opts.pid);
  const { pid: _pid, ...rest } = opts;
  // Without a callback autocannon returns a promise that is also its event emitter.
  const instance = autocannon(rest) as unknown as Promise<autocannon.Result> & EventEmitter;
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    if (status >= 400) non2xx++;
  });
  const result = await instance;
  const cpu1 = cpuSeconds(opts.pid);
  return {
    times,
    requests: times.length,
    errors: result.errors + result.timeouts,
    non2xx,
    cpuMsPerRequest: times.length ? ((cpu1 - cpu0) * 1000) / times.length : NaN,
  };
}

/** The page's bytes as sent uncompressed, and compressed with gzip (zlib, default level). */
export async function sizes(url: string, cookie: string) {
  const res = await fetch(url, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" }, redirect: "manual" });
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, raw: body.length, gzip: zlib.gzipSync(body).length, wire: res.headers.get("content-encoding") ?? "identity" };
}

/** True when the server sent this page from its page cache (decision 27: Server-Timing says so). */
export async function isKept(url: string, cookie: string) {
  const res = await fetch(url, { headers: { Cookie: cookie, "Accept-Encoding": "gzip" }, redirect: "manual" });
  await res.arrayBuffer();
  return (res.headers.get("server-timing") ?? "").includes('page;desc="kept"');
}

// ------------------------------------------------------------------ the report

export function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? (c ?? "").padEnd(widths[i]!) : (c ?? "").padStart(widths[i]!))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`, ...rows.map(line)].join("\n");
}

export interface SteadyRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * A steady overall rate: one request every 1/rate seconds, on schedule whether or not earlier
 * ones have been answered (an open loop, as users arrive), each from `next()`. A request's time
 * runs from when it was due to when its whole response had arrived, so a server that falls
 * behind is charged for the queue (no coordinated omission). autocannon's `overallRate` instead
 * gives each connection its own per-second quota, reset by a timer that all connections start
 * together: every second all of them fire at once, a burst of `rate` requests, not a steady rate.
 */
export async function steadyLoad(opts: { base: string; rate: number; duration: number; pid: number; next: () => SteadyRequest }): Promise<LoadResult> {
  const http = await import("node:http");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const times: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const cpu0 = cpuSeconds(opts.pid);
  const start = performance.now();
  const total = Math.round(opts.rate * opts.duration);
  const pending: Promise<void>[] = [];
  const send = (due: number, spec: SteadyRequest) =>
    new Promise<void>((resolve) => {
      const req = http.request(`${opts.base}${spec.path}`, { method: spec.method, headers: spec.headers, agent }, (res) => {
        res.on("data", () => {});
        res.on("end", () => {
          times.push(performance.now() - due);
          if ((res.statusCode ?? 0) >= 400) non2xx++;
          resolve();
        });
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(spec.body);
    });
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / opts.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(due, opts.next()));
  }
  await Promise.all(pending);
  agent.destroy();
  const cpu1 = cpuSeconds(opts.pid);
  return { times, requests: times.length, errors, non2xx, cpuMsPerRequest: times.length ? ((cpu1 - cpu0) * 1000) / times.length : NaN };
}
