// Comparing two versions of a proposal line by line, with the `diff` package (Myers' algorithm).
import { diffLines } from "diff";

export type DiffLine = { kind: "same" | "added" | "removed"; text: string };

export type Comparison = { kind: "lines"; lines: DiffLine[] } | { kind: "too-many"; before: string; after: string };

/**
 * Beyond this many added or removed lines the comparison stops: the work grows with the number of
 * edits times the length, and a line-by-line list of a rewrite helps nobody. Measured on a loaded
 * two-core machine: two 20,000-character bodies ~10 ms (edited) to ~25 ms (unrelated, gives up);
 * two unrelated 6,000-line bodies ~40 ms to give up.
 */
export const MAX_EDIT_LENGTH = 500;
/** A second guard for inputs the edit count does not bound well (very long lines). */
const TIMEOUT_MS = 500;

const lines = (text: string) => text.split(/\r?\n/);

export function compareText(before: string, after: string, maxEditLength = MAX_EDIT_LENGTH): Comparison {
  // One trailing newline on both, so a last line compares equal whether or not it ended the text.
  const changes = diffLines(`${lines(before).join("\n")}\n`, `${lines(after).join("\n")}\n`, { maxEditLength, timeout: TIMEOUT_MS });
  if (!changes) return { kind: "too-many", before, after };
  const out: DiffLine[] = [];
  for (const change of changes) {
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const text of change.value.replace(/\n$/, "").split("\n")) out.push({ kind, text });
  }
  return { kind: "lines", lines: out };
}

export type Block =
  | { kind: "heading"; level: 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] };

/**
 * Reads the simple markup proposals are written in: "## " and "### " headings, "- " or "* " bullets,
 * "1. " numbered items, blank lines between paragraphs. Everything else is text; nothing is HTML.
 */
export function parseBody(body: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: "paragraph", text: para.join(" ") });
    para = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    const bullet = /^[-*]\s+(.*)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: "heading", level: heading[1]!.length >= 3 ? 3 : 2, text: heading[2]! });
    } else if (bullet || numbered) {
      flush();
      const ordered = Boolean(numbered);
      const text = (bullet ?? numbered)![1]!;
      const last = blocks[blocks.length - 1];
      if (last?.kind === "list" && last.ordered === ordered) last.items.push(text);
      else blocks.push({ kind: "list", ordered, items: [text] });
    } else para.push(line);
  }
  flush();
  return blocks;
}
