import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { localSecret, localSecretPath } from "../../app/utils/local-secret.server";

describe("localSecret", () => {
  it("creates an owner-only random secret beside the database once, then reads it back", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "waymark-secret-"));
    const db = path.join(dir, "a.db");
    const first = localSecret(db, "audit-key");
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = localSecretPath(db, "audit-key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(localSecret(db, "audit-key")).toBe(first);
    // A second install (another database) never shares the value.
    expect(localSecret(path.join(dir, "b.db"), "audit-key")).not.toBe(first);
    expect(localSecret(db, "session-secret")).not.toBe(first);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
