import { checkpointSignatureValid, formatCheckpoint, GENESIS, keyedHash, parseCheckpoint, plainHash } from "~/modules/audit/chain";

const KEY = "k".repeat(64);
const HASH = "ab".repeat(32);

describe("audit chain hashes and checkpoints", () => {
  it("keys event hashes: another key, or none, gives another hash", () => {
    const h = keyedHash(KEY, GENESIS, "[1]");
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash("x".repeat(64), GENESIS, "[1]")).not.toBe(h);
    expect(plainHash(GENESIS, "[1]")).not.toBe(h);
  });

  it("round-trips a signed checkpoint and refuses one with a changed count, hash or key", () => {
    const line = formatCheckpoint(KEY, { count: 12, hash: HASH });
    const parsed = parseCheckpoint(line);
    expect(parsed).toMatchObject({ kind: "signed", checkpoint: { count: 12, hash: HASH } });
    if (parsed?.kind !== "signed") throw new Error("not signed");
    expect(checkpointSignatureValid(KEY, parsed.checkpoint)).toBe(true);
    expect(checkpointSignatureValid(KEY, { ...parsed.checkpoint, count: 11 })).toBe(false);
    expect(checkpointSignatureValid(KEY, { ...parsed.checkpoint, hash: "cd".repeat(32) })).toBe(false);
    expect(checkpointSignatureValid("y".repeat(64), parsed.checkpoint)).toBe(false);
    expect(checkpointSignatureValid(KEY, { ...parsed.checkpoint, signature: "00" })).toBe(false);
  });

  it("finds the checkpoint line in a saved email, even soft-wrapped, and takes a bare head hash", () => {
    const line = formatCheckpoint(KEY, { count: 7, hash: HASH });
    const wrapped = `Checkpoint (one line):\n${line.slice(0, 70)}=\n${line.slice(70)}\n`;
    expect(parseCheckpoint(wrapped)).toMatchObject({ kind: "signed", checkpoint: { count: 7, hash: HASH } });
    expect(parseCheckpoint(`  ${HASH.toUpperCase()}\n`)).toEqual({ kind: "hash", hash: HASH });
    expect(parseCheckpoint("7:abc:def")).toBeNull();
  });
});
