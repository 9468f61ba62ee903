import fs from "node:fs";
import type { Command } from "~/cli/main";
import { getDb, getSqlite } from "~/db.server";
import { checkpointSignatureValid, formatCheckpoint, parseCheckpoint } from "./chain";
import { systemActor } from "./actor";
import { auditHead, checkAgainstCheckpoint, existingAuditKey, sealUnkeyedTrail, verifyAuditChain } from "./service.server";

/** `waymark audit head`: what to keep elsewhere so a later verify can tell the trail was cut short. */
const headCommand: Command = {
  summary: "Print the audit trail's event count, head hash and signed checkpoint",
  usage: "waymark audit head",
  run(_v, _p, { out, err }) {
    const found = existingAuditKey();
    if (found.key === null) {
      err(`No audit key: set AUDIT_KEY, or restore the key file ${found.missing}.`);
      return 1;
    }
    const head = auditHead(getDb());
    out(`Events: ${head.count}`);
    out(`Head hash: ${head.hash}`);
    out(`Checkpoint: ${formatCheckpoint(found.key, head)}`);
    out("Keep the checkpoint line away from this server; check against it with: waymark audit verify --checkpoint LINE");
    return 0;
  },
};

const verifyCommand: Command = {
  summary: "Check the audit trail's keyed hash chain is whole (and, given a checkpoint, not cut short)",
  usage: "waymark audit verify [--checkpoint FILE|COUNT:HASH:SIGNATURE|HASH]",
  options: { checkpoint: { type: "string" } },
  run(values, _p, { out, err }) {
    const given = values.checkpoint as string | undefined;
    const parsed = given === undefined ? null : parseCheckpoint(fs.existsSync(given) && fs.statSync(given).isFile() ? fs.readFileSync(given, "utf8") : given);
    if (given !== undefined && !parsed) {
      err(`--checkpoint must be a file holding a checkpoint line, a line COUNT:HASH:SIGNATURE as printed by "waymark audit head", or a head hash.`);
      return 2;
    }
    const found = existingAuditKey();
    if (found.key === null) {
      if (auditHead(getDb()).count === 0 && !parsed) {
        out("Audit trail intact: 0 events verified.");
        return 0;
      }
      err(`No audit key: set AUDIT_KEY, or restore the key file ${found.missing}. Without it the trail cannot be checked.`);
      return 1;
    }
    if (parsed?.kind === "signed" && !checkpointSignatureValid(found.key, parsed.checkpoint)) {
      err("Checkpoint refused: its signature does not match this install's audit key, so it was altered, mistyped or made with another key.");
      return 1;
    }
    const sqlite = getSqlite();
    const result = verifyAuditChain(sqlite, found.key);
    let status = 0;
    if (result.ok) {
      const unkeyed = result.unkeyed ? ` (the first ${result.unkeyed.count} were written before the trail was keyed and are sealed by event ${result.unkeyed.sealId})` : "";
      out(`Audit trail intact: ${result.count} events verified${unkeyed}.`);
    } else if (result.wrongKey) {
      err(`Wrong audit key: ${result.reason}.`);
      status = 1;
    } else {
      err(`Audit trail broken at event ${result.brokenId}: ${result.reason}.`);
      status = 1;
    }
    if (parsed) {
      const check = checkAgainstCheckpoint(sqlite, parsed);
      if (check.ok) out(`Checkpoint matches${check.id ? ` event ${check.id}` : " an empty trail"}: nothing up to it has been removed.`);
      else {
        err(`Checkpoint not matched: ${check.reason}.`);
        status = 1;
      }
    }
    return status;
  },
};

const sealCommand: Command = {
  summary: "Once, when upgrading with AUDIT_KEY set: seal the unkeyed events an older Waymark wrote",
  usage: "waymark audit seal",
  run(_v, _p, { out }) {
    const head = sealUnkeyedTrail(systemActor(`cli:${process.env.USER ?? "unknown"}`));
    out(head ? `Sealed: the ${head.count - 1} unkeyed events are now vouched for by event ${head.count}'s keyed hash.` : "Nothing to seal: the trail is empty, already keyed, or already sealed.");
    return 0;
  },
};

export const auditCommands: Record<string, Command> = { "audit head": headCommand, "audit verify": verifyCommand, "audit seal": sealCommand };
