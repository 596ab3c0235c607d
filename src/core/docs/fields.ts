/** Reading fields ("Status: x", table cells, front matter values) and supersede links from lines. */
import { dirname, joinPath } from './paths';
import { type Source, lineText } from './source';
import type { Problem, Reference, Span } from './types';

export const FIELD_KEYS = new Map<string, string>([
  ['status', 'status'],
  ['state', 'status'],
  ['date', 'date'],
  ['created', 'date'],
  ['deciders', 'deciders'],
  ['decision-makers', 'deciders'],
  ['decision makers', 'deciders'],
  ['decided by', 'deciders'],
  ['authors', 'deciders'],
  ['tags', 'tags'],
]);

/** "Status: accepted", "**Status**: accepted" → ['status', 'accepted'] (on rendered text). */
export function fieldOf(text: string): [string, string] | undefined {
  const m = /^\s*([A-Za-z][A-Za-z -]{1,20}?)\s*:\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const key = FIELD_KEYS.get(m[1].trim().toLowerCase());
  return key ? [key, m[2].trim()] : undefined;
}

/** The relation words every reader knows, common misspellings included (one grammar for all). */
export const RELATION_WORDS =
  'supersedes|supercedes|superseded by|superceded by|supersceded by|replaced by|replaces|amends|amended by';

export const RELATION = new RegExp(`^\\W*(?:status\\W*)?(${RELATION_WORDS})\\b`, 'i');

export function relationOf(text: string): Reference['relation'] | undefined {
  const m = RELATION.exec(text);
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  if (word === 'amends') return 'amends';
  if (word === 'amended by') return 'amendedBy';
  if (word === 'replaces' || word === 'supersedes' || word === 'supercedes') return 'supersedes';
  return 'supersededBy';
}

/** Resolves a Markdown link target against the file's folder; undefined for URLs and anchors. */
export function resolveHref(filePath: string, href: string): string | undefined {
  if (!href || href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  let target = href.split('#')[0].split('?')[0];
  try {
    target = decodeURIComponent(target);
  } catch {
    // Keep the raw text: a stray '%' is still a usable file name.
  }
  if (!target) return undefined;
  return joinPath(dirname(filePath), target);
}

/**
 * "Superseded" without "by", followed at once by a record's number or a link whose text is one
 * ("⌛️ Superseded [0019](0019-use-go.md)", "Superseded ADR-7"): the successor. Followed by prose
 * ("Superseded. The [runbook](…) explains") it names none.
 */
const BARE_SUPERSEDED = /^\W*(?:status\W*)?(?:superseded|superceded)\b(?=\s*[:\-–—]?\s*(?:(?:ADR|RFC|DR)[-_ ]?|#)?\d)/i;

export function referencesFrom(path: string, text: string, hrefs: string[], line: number): Reference[] {
  const bare = RELATION.test(text) ? null : BARE_SUPERSEDED.exec(text);
  const relation = bare ? 'supersededBy' : relationOf(text);
  if (!relation) return [];
  const links = hrefs.map((href) => resolveHref(path, href)).filter((p): p is string => p !== undefined);
  if (links.length > 0) return links.map((target) => ({ relation, path: target, line }));
  const rest = text.slice((bare ?? RELATION.exec(text))?.[0].length ?? 0);
  // Only a number right after the relation ("Superseded by: ADR-0016", "by #16"), never one in prose.
  const number = /^\s*[:\-–—]?\s*(?:(?:ADR|RFC|DR)[-_ ]?|#)?0*(\d{1,8})(?![\d.,]\d)\b/i.exec(rest);
  return number ? [{ relation, number: Number(number[1]), line }] : [];
}

export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  if (typeof value === 'string') {
    return value
      .split(/[,;]/)
      .map((v) => v.trim())
      .filter(Boolean);
  }
  if (value === null || value === undefined) return [];
  return [String(value)];
}

export function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/**
 * The span of a field's value on its line: after the first ':' (or the whole line for a section).
 * With `rendered` (the value as rendered text), the span stops where it does when the line writes it
 * plainly, so "proposed <!-- note -->" keeps its note.
 */
export function valueSpan(source: Source, line: number, afterColon: boolean, rendered?: string): Span {
  const raw = lineText(source, line);
  const start = source.lineStarts[line] ?? 0;
  let from: number;
  if (afterColon) {
    const colon = raw.indexOf(':');
    from = colon < 0 ? 0 : colon + 1;
  } else {
    from = /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?/.exec(raw)?.[0].length ?? 0;
  }
  // Skip blanks and emphasis markers: "**Status:** Accepted", "Status: **Accepted**"; trailing
  // markers only as many as opened, so "Proposed *(pending)*" loses no lone '*'.
  let markers = 0;
  while (from < raw.length && /[\s*_]/.test(raw[from])) if (/[*_]/.test(raw[from++])) markers++;
  let to = raw.length;
  if (rendered && raw.startsWith(rendered, from)) to = from + rendered.length;
  while (to > from && /\s/.test(raw[to - 1])) to--;
  while (to > from && markers > 0 && /[*_]/.test(raw[to - 1])) {
    to--;
    markers--;
  }
  while (to > from && /\s/.test(raw[to - 1])) to--;
  return { start: start + from, end: start + to };
}

/** The span of the trimmed text of table cell `column` on a table row line. */
export function cellSpan(source: Source, line: number, column: number): Span | undefined {
  const raw = lineText(source, line);
  const start = source.lineStarts[line] ?? 0;
  const pipes: number[] = [];
  for (let i = 0; i < raw.length; i++) if (raw[i] === '|' && raw[i - 1] !== '\\') pipes.push(i);
  // "| a | b |" and "a | b": with a leading pipe, cell i sits after pipe i.
  const leading = /^\s*\|/.test(raw);
  const bounds = leading ? pipes : [-1, ...pipes];
  const from = bounds[column];
  if (from === undefined) return undefined;
  let a = from + 1;
  let b = bounds[column + 1] ?? raw.length;
  while (a < b && /[\s*_]/.test(raw[a])) a++;
  while (b > a && /[\s*_]/.test(raw[b - 1])) b--;
  return b > a ? { start: start + a, end: start + b } : undefined;
}

/** Problems of the front matter and the text itself (invalid YAML, unclosed, duplicate keys). */
export function frontMatterProblem(path: string, source: Source): Problem[] {
  const front = source.frontMatter;
  const notes: Problem[] = source.notes.map((note) => ({ path, ...note }));
  if (!front?.error) return notes;
  return [
    ...notes,
    {
      path,
      line: front.error.line,
      code: 'invalid-front-matter',
      severity: 'warning',
      message: `Front matter is not valid YAML (${front.error.message}); fix it so its fields are read.`,
    },
  ];
}
