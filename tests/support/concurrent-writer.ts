// Run by tests/integration/db.test.ts in several processes at once: each appends audit events
// through write(), which must queue on the lock rather than fail with "database is locked".
import { write } from "../../app/db.server";
import { systemActor } from "../../app/modules/audit/actor";
import { recordAudit } from "../../app/modules/audit/service.server";

const n = Number(process.argv[2] ?? 100);
const label = process.argv[3] ?? "writer";
for (let i = 0; i < n; i++) {
  write((tx) => recordAudit(tx, { actor: systemActor(label), event: "test.write", entityType: "test", entityId: i }));
}
process.stdout.write("done");
