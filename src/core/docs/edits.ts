import { decisionFromSource, namingOf, parseDecision, numberFromFileName } from './parse';
import { type FrontMatterField, type Source, lineText, readSource } from './source';
import { normalizeStatus } from './status';
import type { DecisionFormat, DecisionStatus } from './types';

/**
 * Minimal text edits for the write commands. Each function re-reads the CURRENT text (not a cached
 * parse), replaces only the characters it must, and keeps line endings and every other byte.
 */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** YAML scalar for a front matter value: plain when safe, double-quoted otherwise. */
function yamlScalar(text: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text)) return text;
  return JSON.stringify(text);
}

function endOfLine(text: string, offset: number): number {
  const index = text.indexOf('\n', offset);
  if (index < 0) return text.length;
  return text[index - 1] === '\r' ? index - 1 : index;
}

/** Refuses to edit a file whose front matter YAML is broken: any edit could make it worse. */
function assertFrontMatterValid(source: Source): void {
  const error = source.frontMatter?.error;
  if (error) {
    throw new Error(
      `its front matter is not valid YAML (line ${error.line + 1}: ${error.message}); fix it, then try again.`,
    );
  }
}

/**
 * Replaces a front matter value. A plain one-line value is replaced in place (a trailing comment
 * stays); an empty, list or block value is rewritten from its ':' to the end of its last line.
 */
function frontMatterValueEdit(text: string, field: FrontMatterField, value: string): TextEdit | undefined {
  const span = field.span;
  const scalar = typeof field.value === 'string' || typeof field.value === 'number' || field.value instanceof Date;
  if (span && span.end > span.start && scalar && !/^[>|]/.test(text.slice(span.start, span.end))) {
    const sameLine = !text.slice(field.keySpan?.end ?? span.start, span.start).includes('\n');
    if (sameLine) return { start: span.start, end: span.end, newText: value };
  }
  if (!field.keySpan) return undefined;
  const colon = text.indexOf(':', field.keySpan.end);
  if (colon < 0) return undefined;
  const start = colon + 1;
  const end = Math.max(start, span?.end ?? start);
  return { start, end, newText: ` ${value}` };
}

/** Why Change Status did nothing visible, or undefined: a "Superseded by" link outranks the status. */
export function statusEditNote(path: string, textAfter: string, status: string): string | undefined {
  const decision = parseDecision(path, textAfter, '');
  const wanted = normalizeStatus(status);
  if (decision.status === 'superseded' && wanted !== 'superseded') {
    return `The status now says "${decision.statusText}", but the record still shows as superseded because it has a "Superseded by" link; remove that link to change it.`;
  }
  return undefined;
}

/**
 * A line break to end an inserted block with when `line` is followed by text: without a blank
 * line, "Accepted" over a following "---" or paragraph would merge into a heading or that paragraph.
 * Blank as Markdown means it: spaces and tabs only (a line holding a BOM or NBSP is text).
 */
function blankAfter(source: Source, line: number): string {
  const next = source.lineStarts[line + 1];
  if (next === undefined) return '';
  return /[^ \t]/.test(lineText(source, line + 1)) ? source.eol : '';
}

/**
 * Sets a decision's status to `status` (free text, e.g. "Accepted" or "Superseded by [5. X](0005-x.md)"),
 * in the file's own style: lower case where the file writes statuses in lower case (MADR). Throws
 * (a one-line reason) when the front matter is not valid YAML.
 */
export function setStatusEdits(path: string, text: string, status: string): TextEdit[] {
  const source = readSource(text);
  assertFrontMatterValid(source);
  const decision = decisionFromSource(path, source, '');
  const eol = source.eol;
  const lower =
    decision.statusText !== ''
      ? decision.statusText[0] === decision.statusText[0].toLowerCase() && /^[a-z]/.test(decision.statusText)
      : source.frontMatter !== undefined ||
        decision.format === 'madr3' ||
        decision.format === 'madr2' ||
        decision.format === 'log4brains';
  const written = lower ? status[0].toLowerCase() + status.slice(1) : capitalize(status);
  // A `status:` key in front matter, even empty or a list: replace its value, never add a second key.
  const frontStatus = source.frontMatter?.fields.get('status');
  if (frontStatus) {
    const edit = frontMatterValueEdit(text, frontStatus, yamlScalar(written));
    if (edit) return [edit];
  }
  const location = decision.statusLocation;
  if (location) {
    const value = location.kind === 'frontMatter' ? yamlScalar(written) : written;
    if (location.value.end > location.value.start || location.kind !== 'section') {
      return [{ start: location.value.start, end: location.value.end, newText: value }];
    }
    // An empty "## Status" section: write the status under its heading.
    const at = endOfLine(text, source.lineStarts[location.headingLine] ?? 0);
    return [{ start: at, end: at, newText: `${eol}${eol}${value}${blankAfter(source, location.headingLine)}` }];
  }
  if (source.frontMatter) {
    return [
      {
        start: source.frontMatter.endOffset,
        end: source.frontMatter.endOffset,
        newText: `status: ${yamlScalar(written)}${eol}`,
      },
    ];
  }
  const h1Line = decision.titleEndLine ?? decision.titleLine;
  const madrLike = decision.format === 'madr2' || decision.format === 'log4brains';
  const block = madrLike ? `* Status: ${written}` : `## Status${eol}${eol}${written}`;
  if (h1Line === undefined) {
    // No title to follow: the status goes first, as its own block, before the existing text.
    const at = source.contentStart;
    return [{ start: at, end: at, newText: `${block}${eol}${eol}` }];
  }
  const afterTitle = endOfLine(text, source.lineStarts[h1Line] ?? 0);
  return [{ start: afterTitle, end: afterTitle, newText: `${eol}${eol}${block}${blankAfter(source, h1Line)}` }];
}

/**
 * Sets a runbook's `last_reviewed_on` to `today`, adding the key (or front matter) when missing.
 * Throws (a one-line reason) when the front matter is not valid YAML.
 */
export function markReviewedEdits(_path: string, text: string, today: string): TextEdit[] {
  const source = readSource(text);
  assertFrontMatterValid(source);
  const fields = source.frontMatter?.fields;
  const reviewed = fields?.get('last_reviewed_on') ?? fields?.get('last-reviewed-on') ?? fields?.get('last_reviewed');
  if (reviewed) {
    const edit = frontMatterValueEdit(text, reviewed, today);
    if (edit) return [edit];
  }
  const eol = source.eol;
  if (source.frontMatter) {
    const at = source.frontMatter.endOffset;
    return [{ start: at, end: at, newText: `last_reviewed_on: ${today}${eol}` }];
  }
  const at = source.contentStart;
  return [{ start: at, end: at, newText: `---${eol}last_reviewed_on: ${today}${eol}---${eol}` }];
}

/** A link to another record, as written into a new or superseded record. */
export interface RecordLink {
  number?: number;
  title: string;
  /** Relative href from the record's folder ("0002-use-postgresql.md"). */
  href: string;
}

/** A Markdown link to a record in a folder's style: `[4. Title](href)` (adr-tools) or `[ADR-0004](href)` (MADR). */
export function linkText(link: RecordLink, format: DecisionFormat): string {
  if (format === 'nygard' || format === 'unknown') {
    return `[${link.number !== undefined ? `${link.number}. ` : ''}${link.title}](${link.href})`;
  }
  const id = link.number !== undefined ? `ADR-${String(link.number).padStart(4, '0')}` : link.title;
  return `[${id}](${link.href})`;
}

/** The status text that marks a record superseded by `successor`, in the record's format. */
export function supersededStatus(successor: RecordLink, format: DecisionFormat): string {
  return `Superseded by ${linkText(successor, format)}`;
}

export interface NewRecord {
  format: DecisionFormat;
  number?: number;
  title: string;
  /** ISO date. */
  date: string;
  supersedes?: RecordLink;
  eol?: '\n' | '\r\n';
}

/** The sections a new MADR-style record starts with (MADR 2, 3/4 and log4brains alike). */
const MADR_BODY = [
  '## Context and Problem Statement',
  '',
  'Describe the context and the problem in two or three sentences.',
  '',
  '## Considered Options',
  '',
  '* Option 1',
  '',
  '## Decision Outcome',
  '',
  'Chosen option: "Option 1", because …',
];

/** The text of a new record, status Proposed, in the folder's format (adr-tools, MADR 2/3/4, log4brains). */
export function newRecordText(record: NewRecord): string {
  const eol = record.eol ?? '\n';
  const supersedes = record.supersedes ? `Supersedes ${linkText(record.supersedes, record.format)}` : undefined;
  let lines: string[];
  switch (record.format) {
    case 'madr3':
      lines = [
        '---',
        'status: proposed',
        `date: ${record.date}`,
        'decision-makers: []',
        '---',
        `# ${record.title}`,
        '',
        ...(supersedes ? [supersedes, ''] : []),
        ...MADR_BODY,
        '',
        '### Consequences',
        '',
        '* Good, because …',
        '* Bad, because …',
      ];
      break;
    case 'madr2':
    case 'log4brains': {
      const bullet = record.format === 'log4brains' ? '-' : '*';
      lines = [
        `# ${record.title}`,
        '',
        `${bullet} Status: proposed`,
        `${bullet} Deciders: `,
        `${bullet} Date: ${record.date}`,
        '',
        ...(supersedes ? [supersedes, ''] : []),
        ...MADR_BODY,
      ];
      break;
    }
    default:
      lines = [
        `# ${record.number !== undefined ? `${record.number}. ` : ''}${record.title}`,
        '',
        `Date: ${record.date}`,
        '',
        '## Status',
        '',
        'Proposed',
        '',
        ...(supersedes ? [supersedes, ''] : []),
        '## Context',
        '',
        'What is the issue that we are seeing that motivates this decision or change?',
        '',
        '## Decision',
        '',
        'What is the change that we are proposing and/or doing?',
        '',
        '## Consequences',
        '',
        'What becomes easier or more difficult to do because of this change?',
      ];
  }
  return lines.join(eol) + eol;
}

/** "Use PostgreSQL 16!" → "use-postgresql-16". */
export function slugify(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'decision'
  );
}

/** The next free number given every file name seen (the folder and all branches). */
export function nextNumber(names: Iterable<string>): number {
  let max = 0;
  for (const name of names) max = Math.max(max, numberFromFileName(name)?.number ?? 0);
  return max + 1;
}

/**
 * A file name in the folder's own naming: the prefix ("ADR-", ""), digit width and separator of
 * its existing numbered files (adr-tools' `0001-` by default); log4brains uses `yyyymmdd-slug.md`.
 */
export function newFileName(
  existing: string[],
  number: number,
  title: string,
  format: DecisionFormat,
  date: string,
): string {
  const slug = slugify(title);
  if (format === 'log4brains') return `${date.replace(/-/g, '')}-${slug}.md`;
  // The first name with a number and a '-'/'_' after it sets the style ("0001.md" says nothing).
  const sample = existing.map(namingOf).find((n) => n !== undefined && /^[-_]$/.test(n.separator));
  const prefix = sample?.prefix ?? '';
  const width = sample?.width ?? 4;
  const separator = sample?.separator ?? '-';
  return `${prefix}${String(number).padStart(width, '0')}${separator}${slug}.md`;
}

/** The format a folder's new records should use: the most common among its records. */
export function folderFormat(formats: DecisionFormat[], fallback: DecisionFormat = 'nygard'): DecisionFormat {
  const counts = new Map<DecisionFormat, number>();
  for (const format of formats) if (format !== 'unknown') counts.set(format, (counts.get(format) ?? 0) + 1);
  let best: DecisionFormat = fallback;
  let bestCount = 0;
  for (const [format, count] of counts) if (count > bestCount) [best, bestCount] = [format, count];
  return best;
}

/** Display names of the statuses offered by Change Status. */
export const STATUS_CHOICES: Exclude<DecisionStatus, 'unknown' | 'superseded'>[] = [
  'proposed',
  'accepted',
  'rejected',
  'deprecated',
];

/**
 * Adds "Supersedes <link>" to a record that does not say it yet: as its own paragraph under the
 * status line (where adr-tools writes it), else under the title, else at the top of the body.
 */
export function addSupersedesEdits(path: string, text: string, link: string): TextEdit[] {
  const decision = parseDecision(path, text, '');
  const source = readSource(text);
  const eol = source.eol;
  const location = decision.statusLocation;
  const line =
    location?.kind === 'section' && location.value.end === location.value.start
      ? location.headingLine
      : location && location.kind !== 'frontMatter'
        ? location.line
        : (decision.titleEndLine ?? decision.titleLine);
  if (line === undefined) {
    const at = source.frontMatter
      ? (source.lineStarts[source.frontMatter.endLine + 1] ?? text.length)
      : source.contentStart;
    return [{ start: at, end: at, newText: `Supersedes ${link}${eol}${eol}` }];
  }
  const at = endOfLine(text, source.lineStarts[line] ?? 0);
  // A MADR 2 "* Status:" bullet: one more bullet in the same list, not a paragraph that splits it.
  const bullet =
    location?.kind === 'field' ? /^(\s*[-*+]\s+)/.exec(text.slice(source.lineStarts[line] ?? 0, at)) : null;
  if (bullet) return [{ start: at, end: at, newText: `${eol}${bullet[1]}Supersedes: ${link}` }];
  return [{ start: at, end: at, newText: `${eol}${eol}Supersedes ${link}` }];
}
