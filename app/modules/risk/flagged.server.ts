// Flagged risks across a programme: the "What needs attention" page's risk section.
import { viewerFor, visibleProjects } from "~/modules/auth/access.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { listRisks, type Scope } from "./service.server";

/**
 * Open risks carrying flags as of the date, from the registers of the programme's projects the user
 * can see and the programme's own register (readable by anyone who can see the programme, as its
 * risk pages are). Flags come from listRisks, as on each register's page: a few queries per register.
 */
export function loadFlaggedRisks({ user, programme, asOf }: { user: SessionUser; programme: { id: number; slug: string; name: string }; asOf: string }) {
  const viewer = viewerFor(user);
  const registers: Array<{ scope: Scope; name: string; base: string }> = [
    ...visibleProjects(user, programme.id).map((p) => ({ scope: { projectId: p.id }, name: p.name, base: `/projects/${p.slug}/risks` })),
    { scope: { programmeId: programme.id }, name: `${programme.name} (programme)`, base: `/programmes/${programme.slug}/risks` },
  ];
  return registers.flatMap((reg) =>
    listRisks({ scope: reg.scope, today: asOf, viewer })
      .risks.filter((r) => r.status === "open" && r.flags.length > 0)
      .map((r) => ({ id: r.id, ref: r.ref, title: r.title, band: r.band, flags: r.flags, href: `${reg.base}/${r.id}`, register: reg.name })),
  );
}
