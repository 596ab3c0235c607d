/** What file names and titles say: record numbers, skipped names, titles from names. */
import { parseDate } from './dates';
import { isMarkdownName, markdownStem } from './markdownNames';

/** Names (without their Markdown ending) of a folder's index and navigation pages. */
const SKIPPED_NAMES = new Set(['readme', 'index', 'template', 'toc', 'summary', '_sidebar']);

/** Documented discovery rule: these files in a decision folder are never records. */
export function isSkippedDecisionFile(name: string): boolean {
  const lower = name.toLowerCase();
  if (!isMarkdownName(lower)) return true;
  // "template" skips un-numbered files and number 0 (`adr000-template.md`), and a name ending in
  // "-template": `adr-014-project-templates.md` is a record.
  const number = numberFromFileName(name)?.number;
  const template =
    lower.includes('template') && (number === undefined || number === 0 || /[-_ ]template$/.test(markdownStem(lower)));
  return SKIPPED_NAMES.has(markdownStem(lower)) || template || lower.startsWith('_') || lower.startsWith('.');
}

/**
 * THE numbered-record file name: optional prefix (`ADR-`, `rfc_`, `dr `), digits, then a separator
 * or the end (`0012-x.md`, `12_x.md`, `ADR-012-x.md`, `0001.md`). Groups: prefix, digits, separator.
 * Every rule about numbered names (numbers, next number, naming style, discovery) reads this one.
 */
export const NUMBERED_NAME = /^((?:adr|rfc|dr)?[-_ ]?)(\d{1,8})(?=([-_. ]|$))/i;

/** Number and its digits from a file name: `0012-x.md`, `12-x.md`, `ADR-012-x.md`; not a date id. */
export function numberFromFileName(name: string): { number: number; text: string } | undefined {
  const m = NUMBERED_NAME.exec(name);
  if (!m) return undefined;
  if (m[2].length === 8 && parseDate(m[2])) return undefined; // log4brains: 20240101-slug.md
  return { number: Number(m[2]), text: m[2] };
}

/** The naming style of a numbered file name: prefix, digit width, separator ("ADR-", 4, "-"). */
export function namingOf(name: string): { prefix: string; width: number; separator: string } | undefined {
  const m = NUMBERED_NAME.exec(name);
  if (!m || numberFromFileName(name) === undefined) return undefined;
  return { prefix: m[1], width: m[2].length, separator: m[3] ?? '' };
}

/** `12. Title`, `ADR-012: Title`, `0012 - Title` → number and title. */
export function numberFromTitle(title: string): { number: number; title: string } | undefined {
  const m = /^(?:(?:ADR|RFC|DR)[-_ #]*(\d{1,6})\s*[.:)\-–—]?|#?(\d{1,6})\s*[.:)\-–—])\s*(.*)$/i.exec(title);
  if (!m) return undefined;
  const rest = m[3].trim();
  return { number: Number(m[1] ?? m[2]), title: rest || title };
}

export function titleFromFileName(name: string): string {
  const stem = markdownStem(name)
    .replace(NUMBERED_NAME, '')
    .replace(/^[-_. ]+/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return stem ? stem[0].toUpperCase() + stem.slice(1) : name;
}
