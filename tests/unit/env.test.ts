import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDotEnv, parseEnv } from "~/env.server";
import { localSecretPath } from "~/utils/local-secret.server";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-env-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const base = () => ({ DATABASE_PATH: path.join(dir, "waymark.db") });

describe("settings from the environment", () => {
  it("runs with nothing set: defaults, and a session secret made and kept beside the database", () => {
    const env = parseEnv(base());
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.TRUST_PROXY).toEqual(["loopback"]);
    expect(env.NODE_ENV).toBe("production");
    expect(env.sessionSecretSource).toBe("generated");
    expect(env.SESSION_SECRET).toMatch(/^[0-9a-f]{64}$/);
    const file = localSecretPath(base().DATABASE_PATH, "session-secret");
    expect(fs.readFileSync(file, "utf8").trim()).toBe(env.SESSION_SECRET);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    // The next start (or another process on the same database) reuses it.
    expect(parseEnv(base()).SESSION_SECRET).toBe(env.SESSION_SECRET);
    // Another install never shares it.
    expect(parseEnv({ DATABASE_PATH: path.join(dir, "other.db") }).SESSION_SECRET).not.toBe(env.SESSION_SECRET);
  });

  it("uses SESSION_SECRET when set, and makes no file", () => {
    const env = parseEnv({ ...base(), SESSION_SECRET: "a-secret-chosen-by-the-council-0001" });
    expect(env.SESSION_SECRET).toBe("a-secret-chosen-by-the-council-0001");
    expect(env.sessionSecretSource).toBe("environment");
    expect(fs.existsSync(localSecretPath(base().DATABASE_PATH, "session-secret"))).toBe(false);
  });

  it.each([
    ["PORT", "abc", /PORT: must be a whole number from 1 to 65535/],
    ["PORT", "0", /PORT: must be a whole number from 1 to 65535/],
    ["PORT", "70000", /PORT: must be a whole number from 1 to 65535/],
    ["PORT", "3000.5", /PORT: must be a whole number from 1 to 65535/],
    ["APP_URL", "waymark.council.gov.uk", /APP_URL: must be the address people use/],
    ["APP_URL", "ftp://waymark.council.gov.uk", /APP_URL: must be the address people use/],
    ["SESSION_SECRET", "short", /SESSION_SECRET: must be at least 16 characters/],
    ["SESSION_SECRET", "change-me-for-anything-but-local-use", /SESSION_SECRET: is a value published in Waymark's source/],
    ["TRUST_PROXY", "my-proxy", /TRUST_PROXY: "my-proxy" is not an address/],
    ["TRUST_PROXY", "10.0.0.0/33", /TRUST_PROXY: "10.0.0.0\/33" is not an address/],
    ["DIGEST_TIME", "7am", /DIGEST_TIME: must be HH:MM/],
  ])("stops with a message naming %s when it is %j", (name, value, message) => {
    expect(() => parseEnv({ ...base(), [name]: value })).toThrow(message);
  });

  it("names every bad variable at once", () => {
    expect(() => parseEnv({ ...base(), PORT: "x", APP_URL: "nope" })).toThrow(/PORT: .*\n.*APP_URL: /s);
  });

  it("reads the API rate limit: 600 a minute by default, a whole number of 1 or more when set", () => {
    expect(parseEnv(base()).WAYMARK_API_RATE_LIMIT).toBe(600);
    expect(parseEnv({ ...base(), WAYMARK_API_RATE_LIMIT: "1200" }).WAYMARK_API_RATE_LIMIT).toBe(1200);
    for (const bad of ["0", "-5", "ten", "1.5"]) expect(() => parseEnv({ ...base(), WAYMARK_API_RATE_LIMIT: bad })).toThrow(/WAYMARK_API_RATE_LIMIT: /);
  });

  it("reads APP_URL and PORT together, without a trailing slash", () => {
    expect(parseEnv({ ...base(), PORT: "8080" }).APP_URL).toBe("http://localhost:8080");
    expect(parseEnv({ ...base(), APP_URL: "https://waymark.council.gov.uk/" }).APP_URL).toBe("https://waymark.council.gov.uk");
  });

  it.each([
    ["false", false],
    ["0", false],
    ["true", true],
    ["2", 2],
    ["loopback", ["loopback"]],
    ["10.0.0.1, 10.0.0.0/8, uniquelocal, ::1", ["10.0.0.1", "10.0.0.0/8", "uniquelocal", "::1"]],
  ])("TRUST_PROXY %j is %j for Express", (value, expected) => {
    expect(parseEnv({ ...base(), TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });
});

describe(".env", () => {
  it("is loaded when present, and never overrides a variable already set", () => {
    const file = path.join(dir, ".env");
    fs.writeFileSync(file, 'WAYMARK_TEST_FROM_FILE=file\nWAYMARK_TEST_ALREADY_SET=file\nMAIL_FROM_TEST="Waymark <w@x.gov.uk>"\n');
    process.env.WAYMARK_TEST_ALREADY_SET = "environment";
    try {
      expect(loadDotEnv(file, { evenInTests: true })).toBe(true);
      expect(process.env.WAYMARK_TEST_FROM_FILE).toBe("file");
      expect(process.env.WAYMARK_TEST_ALREADY_SET).toBe("environment");
      expect(process.env.MAIL_FROM_TEST).toBe("Waymark <w@x.gov.uk>");
      expect(loadDotEnv(path.join(dir, "missing.env"), { evenInTests: true })).toBe(false);
    } finally {
      for (const k of ["WAYMARK_TEST_FROM_FILE", "WAYMARK_TEST_ALREADY_SET", "MAIL_FROM_TEST"]) delete process.env[k];
    }
  });

  it("is not read by tests unless asked", () => {
    const file = path.join(dir, ".env");
    fs.writeFileSync(file, "WAYMARK_TEST_FROM_FILE=file\n");
    expect(loadDotEnv(file)).toBe(false);
    expect(process.env.WAYMARK_TEST_FROM_FILE).toBeUndefined();
  });
});

describe("the server's Node flags", () => {
  it("are the same for `npm start`, the bench and the browser tests", async () => {
    const { SERVER_NODE_FLAGS } = await import("../../scripts/server-flags");
    const { default: pkg } = await import("../../package.json");
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const script of [pkg.scripts.start, pkg.scripts.dev]) expect(script).toContain(`node ${SERVER_NODE_FLAGS.join(" ")} server.js`);
  });
});
