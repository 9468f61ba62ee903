// The audit trail's hashes and checkpoints. Pure: the key is passed in, nothing is read or written.
// See docs/decisions/0002-audit-hash-chain.md for what this protects against and what it does not.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const GENESIS = "0".repeat(64);

/** The event that seals a trail written before keying: the unkeyed events before it are vouched for by its keyed hash. */
export const SEAL_EVENT = "audit.keyed";
export const CHECKPOINT_EVENT = "audit.checkpoint";

/** Each event's hash: HMAC-SHA256 under the install's audit key of the previous hash and its stored content. */
export function keyedHash(key: string, prevHash: string, content: string) {
  return createHmac("sha256", key).update(prevHash).update("\n").update(content).digest("hex");
}

/** How events were hashed before the chain was keyed. Anyone holding the file can recompute it. */
export function plainHash(prevHash: string, content: string) {
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

export interface Checkpoint {
  /** Events in the trail when the checkpoint was taken. */
  count: number;
  /** The hash of the last of them (GENESIS for an empty trail). */
  hash: string;
}

export interface SignedCheckpoint extends Checkpoint {
  signature: string;
}

export function signCheckpoint(key: string, { count, hash }: Checkpoint) {
  // A prefix of its own, so a checkpoint signature can never be mistaken for an event hash.
  return createHmac("sha256", key).update(`waymark audit checkpoint\n${count}\n${hash}`).digest("hex");
}

/** `count:hash:signature`, the one line an administrator keeps. */
export function formatCheckpoint(key: string, checkpoint: Checkpoint) {
  return `${checkpoint.count}:${checkpoint.hash}:${signCheckpoint(key, checkpoint)}`;
}

export function checkpointSignatureValid(key: string, checkpoint: SignedCheckpoint) {
  const expected = Buffer.from(signCheckpoint(key, checkpoint), "hex");
  const given = Buffer.from(checkpoint.signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type ParsedCheckpoint = { kind: "signed"; checkpoint: SignedCheckpoint } | { kind: "hash"; hash: string };

/**
 * Reads a checkpoint from what an administrator kept: the `count:hash:signature` line (alone, or
 * anywhere in a saved email, even one whose long lines were soft-wrapped), or a bare head hash.
 */
export function parseCheckpoint(text: string): ParsedCheckpoint | null {
  const unwrapped = text.replace(/=\r?\n/g, "");
  const signed = /(?:^|[^0-9a-f])(\d{1,15}):([0-9a-f]{64}):([0-9a-f]{64})(?![0-9a-f])/i.exec(unwrapped);
  if (signed) {
    return { kind: "signed", checkpoint: { count: Number(signed[1]), hash: signed[2]!.toLowerCase(), signature: signed[3]!.toLowerCase() } };
  }
  const bare = /^\s*([0-9a-f]{64})\s*$/i.exec(unwrapped);
  return bare ? { kind: "hash", hash: bare[1]!.toLowerCase() } : null;
}
