import type { DocsIndex } from '../core/docs/index';
import { resolveHref } from '../core/docs/parse';
import { basename, dirname } from '../core/docs/paths';
import { STATUS_LABELS } from '../core/docs/status';
import type { Decision, Reference, RunbookView } from '../core/docs/types';

/** "0004 Use managed PostgreSQL": the label the tree uses, so both read the same. */
export function recordLabel(decision: Decision): string {
  if (decision.number === undefined) return decision.title;
  return `${decision.numberText ?? String(decision.number).padStart(4, '0')} ${decision.title}`;
}

/** The status as written, or its normalized label when nothing was written. */
export function statusDetail(decision: Decision): string {
  return decision.statusText || STATUS_LABELS[decision.status];
}

/** A Markdown preview of a record: title, status, date, the first lines of Context and Decision. */
export function decisionPreview(index: DocsIndex, decision: Decision): string {
  const parts = [`**${escapeMarkdown(recordLabel(decision))}**`];
  const facts = [statusDetail(decision), decision.date ?? decision.dateText].filter(Boolean).join(' · ');
  parts.push(escapeMarkdown(facts));
  const newer = index
    .links(decision.path)
    .supersededBy.map((p) => index.decision(p))
    .filter((d): d is Decision => d !== undefined);
  if (newer.length > 0) parts.push(`Superseded by ${newer.map((d) => escapeMarkdown(recordLabel(d))).join(', ')}`);
  if (decision.summary.context) parts.push(`**Context:** ${decision.summary.context}`);
  if (decision.summary.decision) parts.push(`**Decision:** ${decision.summary.decision}`);
  return parts.join('\n\n');
}

/** A Markdown preview of a runbook: title, owner, service, review state. */
export function runbookPreview(runbook: RunbookView): string {
  const facts = [
    runbook.service && `service ${runbook.service}`,
    runbook.owner && `owner ${runbook.owner}`,
    runbook.lastReviewed && `reviewed ${runbook.lastReviewed}`,
    runbook.reviewDue && `${runbook.stale ? 'review overdue since' : 'review due'} ${runbook.reviewDue}`,
  ].filter(Boolean);
  return [`**${escapeMarkdown(runbook.title)}**`, escapeMarkdown(facts.join(' · '))].filter(Boolean).join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Resolves a link target written in `fromPath` to an indexed record, the way the index does. */
export function resolveLink(
  index: DocsIndex,
  fromPath: string,
  href: string,
): { decision?: Decision; runbook?: RunbookView; path: string } | undefined {
  const target = resolveHref(fromPath, href);
  if (!target) return undefined;
  for (const path of [target, `${target}.md`, `${dirname(fromPath)}/${basename(target)}`]) {
    const decision = index.decision(path);
    if (decision) return { decision, path };
    const runbook = index.runbook(path);
    if (runbook) return { runbook, path };
  }
  return undefined;
}

/** The record numbered `number` in `folder` (the first by path when the number is duplicated). */
export function decisionByNumber(index: DocsIndex, folder: string, number: number): Decision | undefined {
  return index.decisions().find((d) => d.folder === folder && d.number === number);
}

/** What a record's own reference points at (a link or a bare number in its folder). */
export function resolveReference(index: DocsIndex, decision: Decision, ref: Reference): Decision | undefined {
  if (ref.path) {
    return (
      index.decision(ref.path) ??
      index.decision(`${ref.path}.md`) ??
      index.decision(`${decision.folder}/${basename(ref.path)}`)
    );
  }
  return ref.number === undefined ? undefined : decisionByNumber(index, decision.folder, ref.number);
}

/** A reference under the cursor: a Markdown link, or "ADR-12" / "#12" naming a number. */
export type ReferenceAt =
  | { kind: 'link'; href: string; start: number; end: number }
  | { kind: 'number'; number: number; start: number; end: number };

const LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const NUMBER_REF = /\b(?:ADR|RFC)[-_ ]?0*(\d{1,6})\b|(?<![\w&/])#0*(\d{1,6})\b/gi;

/**
 * The reference at `character` in one line of text. A line scan is enough here: the cursor's line
 * is all an editor request is about, and the index has already parsed the file's structure.
 */
export function referenceAt(line: string, character: number): ReferenceAt | undefined {
  for (const m of line.matchAll(LINK)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { kind: 'link', href: m[1], start, end };
  }
  for (const m of line.matchAll(NUMBER_REF)) {
    const start = m.index;
    const end = start + m[0].length;
    if (character >= start && character <= end) return { kind: 'number', number: Number(m[1] ?? m[2]), start, end };
  }
  return undefined;
}

/** The 0-based line `line` of `text`, without its line break. */
export function lineOf(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const raw = text.slice(start, end < 0 ? text.length : end);
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}
