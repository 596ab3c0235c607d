import type { Token } from 'markdown-it';
import { parseDate } from './dates';
import { basename, dirname, joinPath } from './paths';
import { type FrontMatter, type Source, inlineChildren, lineText, parseInline, readSource } from './source';
import { normalizeStatus } from './status';
import type { Decision, DecisionFormat, Problem, Reference, Runbook, Span, StatusLocation } from './types';

/** One line of rendered text from a heading, paragraph, list item or table row. */
interface TextLine {
  text: string;
  line: number;
  hrefs: string[];
  kind: 'paragraph' | 'listItem' | 'table';
  /** Index into `headings` of the section the line is in (-1 before any heading). */
  section: number;
}

/** A Markdown heading of a file (0-based line), as the parser reads it. */
export interface Heading {
  level: number;
  text: string;
  line: number;
}

interface Outline {
  headings: Heading[];
  lines: TextLine[];
  /** key/value rows from tables ("| Status | Accepted |"). */
  tableFields: { key: string; value: string; line: number }[];
  /** Raw Markdown of the first blocks of summary sections (context, decision), kept unparsed. */
  raw: { section: number; text: string }[];
}

/** Renders inline tokens to plain text lines (emphasis dropped), collecting link targets per line. */
function inlineLines(children: Token[] | null): { text: string; hrefs: string[] }[] {
  const lines = [{ text: '', hrefs: [] as string[] }];
  for (const child of children ?? []) {
    const current = lines[lines.length - 1];
    if (child.type === 'softbreak' || child.type === 'hardbreak') lines.push({ text: '', hrefs: [] });
    else if (child.type === 'text' || child.type === 'text_special' || child.type === 'code_inline') {
      current.text += child.content;
    } else if (child.type === 'link_open') current.hrefs.push(String(child.attrGet('href') ?? ''));
    else if (child.type === 'image') current.text += child.content;
  }
  return lines;
}

/**
 * Blocks worth an inline parse outside the sections read for summaries: a field line ("Status:",
 * "* Date:", "**Tags:**") or a supersede/amend link. A test on the raw block text, not structure.
 */
const RELEVANT =
  /(?:^|\n)[\s>*_|#+-]*(?:status|state|date|created|deciders|decision[- ]makers|decided by|authors|tags)\b|supers|superc|amend|replac/i;
const SUMMARY_SECTIONS = /^(context|problem|background|decision)/i;
const STATUS_SECTION = /^status\b/i;

/** Walks markdown-it's block tokens once: headings, and the text lines the index reads. */
function outline(tokens: Token[]): Outline {
  const result: Outline = { headings: [], lines: [], tableFields: [], raw: [] };
  let listDepth = 0;
  let blockLine = 0;
  let row: { cells: string[]; line: number; header: boolean } | undefined;
  let header: string[] = [];
  let inHead = false;
  let summaryBlocks = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) blockLine = token.map[0];
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const text = inlineLines(inline ? inlineChildren(inline) : null)
          .map((l) => l.text)
          .join(' ')
          .trim();
        result.headings.push({ level: Number(token.tag.slice(1)) || 1, text, line: blockLine });
        summaryBlocks = 0;
        i++;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = { cells: [], line: blockLine, header: inHead };
        break;
      case 'tr_close':
        if (row) {
          if (row.header) header = row.cells;
          else {
            const [key, value] = row.cells;
            if (key !== undefined && value !== undefined) result.tableFields.push({ key, value, line: row.line });
            header.forEach((name, index) => {
              const cell = row?.cells[index];
              if (cell !== undefined) result.tableFields.push({ key: name, value: cell, line: row?.line ?? 0 });
            });
          }
        }
        row = undefined;
        break;
      case 'inline': {
        if (row) {
          row.cells.push(
            inlineLines(inlineChildren(token))
              .map((l) => l.text)
              .join(' ')
              .trim(),
          );
          break;
        }
        const heading = result.headings[result.headings.length - 1];
        const section = result.headings.length - 1;
        const early = summaryBlocks++ < 3;
        if (heading !== undefined && early && SUMMARY_SECTIONS.test(heading.text)) {
          result.raw.push({ section, text: token.content });
        }
        const inStatus = heading !== undefined && early && STATUS_SECTION.test(heading.text);
        if (!inStatus && !RELEVANT.test(token.content)) break;
        const rendered = inlineLines(inlineChildren(token));
        rendered.forEach((l, offset) =>
          result.lines.push({
            text: l.text,
            line: blockLine + offset,
            hrefs: l.hrefs,
            kind: listDepth > 0 ? 'listItem' : 'paragraph',
            section: result.headings.length - 1,
          }),
        );
        break;
      }
      default:
        break;
    }
  }
  return result;
}

const FIELD_KEYS = new Map<string, string>([
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
function fieldOf(text: string): [string, string] | undefined {
  const m = /^\s*([A-Za-z][A-Za-z -]{1,20}?)\s*:\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const key = FIELD_KEYS.get(m[1].trim().toLowerCase());
  return key ? [key, m[2].trim()] : undefined;
}

const RELATION =
  /^\W*(?:status\W*)?(supersedes|supercedes|superseded by|superceded by|supersceded by|replaced by|replaces|amends|amended by)\b/i;

function relationOf(text: string): Reference['relation'] | undefined {
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

function referencesFrom(path: string, text: string, hrefs: string[], line: number): Reference[] {
  const relation = relationOf(text);
  if (!relation) return [];
  const links = hrefs.map((href) => resolveHref(path, href)).filter((p): p is string => p !== undefined);
  if (links.length > 0) return links.map((target) => ({ relation, path: target, line }));
  const rest = text.slice(RELATION.exec(text)?.[0].length ?? 0);
  const number = /(?:ADR|RFC)?[-_ #]*0*(\d{1,6})\b/i.exec(rest);
  return number ? [{ relation, number: Number(number[1]), line }] : [];
}

function asList(value: unknown): string[] {
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

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return undefined;
}

/** The span of a field's value on its line: after the first ':' (or the whole line for a section). */
function valueSpan(source: Source, line: number, afterColon: boolean): Span {
  const raw = lineText(source, line);
  const start = source.lineStarts[line] ?? 0;
  let from: number;
  if (afterColon) {
    const colon = raw.indexOf(':');
    from = colon < 0 ? 0 : colon + 1;
  } else {
    from = /^\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])\s+)?/.exec(raw)?.[0].length ?? 0;
  }
  // Skip blanks and emphasis markers: "**Status:** Accepted", "Status: **Accepted**".
  while (from < raw.length && /[\s*_]/.test(raw[from])) from++;
  let to = raw.length;
  while (to > from && /[\s*_]/.test(raw[to - 1])) to--;
  return { start: start + from, end: start + to };
}

const SKIPPED_NAMES = new Set(['readme.md', 'index.md', 'template.md', 'toc.md', 'summary.md', '_sidebar.md']);

/** Documented discovery rule: these files in a decision folder are never records. */
export function isSkippedDecisionFile(name: string): boolean {
  const lower = name.toLowerCase();
  if (!/\.(md|markdown)$/.test(lower)) return true;
  return SKIPPED_NAMES.has(lower) || lower.includes('template') || lower.startsWith('_') || lower.startsWith('.');
}

/** Number and its digits from a file name: `0012-x.md`, `12-x.md`, `ADR-012-x.md`; not a date id. */
export function numberFromFileName(name: string): { number: number; text: string } | undefined {
  const m = /^(?:adr|rfc|dr)?[-_ ]?(\d{1,8})(?=[-_. ]|$)/i.exec(name);
  if (!m) return undefined;
  if (m[1].length === 8 && parseDate(m[1])) return undefined; // log4brains: 20240101-slug.md
  return { number: Number(m[1]), text: m[1] };
}

/** `12. Title`, `ADR-012: Title`, `0012 - Title` → number and title. */
function numberFromTitle(title: string): { number: number; title: string } | undefined {
  const m = /^(?:(?:ADR|RFC|DR)[-_ #]*(\d{1,6})\s*[.:)\-–—]?|#?(\d{1,6})\s*[.:)\-–—])\s*(.*)$/i.exec(title);
  if (!m) return undefined;
  const rest = m[3].trim();
  return { number: Number(m[1] ?? m[2]), title: rest || title };
}

function titleFromFileName(name: string): string {
  const stem = name
    .replace(/\.(md|markdown)$/i, '')
    .replace(/^(?:adr|rfc|dr)?[-_ ]?\d+[-_. ]*/i, '')
    .replace(/[-_]+/g, ' ')
    .trim();
  return stem ? stem[0].toUpperCase() + stem.slice(1) : name;
}

/** The first words of a section as written (Markdown), for tooltips: no inline parse needed. */
function excerpt(raw: Outline['raw'], section: number): string | undefined {
  if (section < 0) return undefined;
  let text = '';
  for (const block of raw) {
    if (block.section !== section) continue;
    text += (text ? ' ' : '') + block.text.slice(0, 300 - text.length);
    if (text.length >= 300) break;
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > 280 ? `${text.slice(0, 279)}…` : text;
}

function frontMatterProblem(path: string, front: FrontMatter | undefined): Problem[] {
  if (!front?.error) return [];
  return [
    {
      path,
      line: front.error.line,
      code: 'invalid-front-matter',
      severity: 'warning',
      message: `Front matter is not valid YAML (${front.error.message}); fix it so its fields are read.`,
    },
  ];
}

export interface ParseOptions {
  /** Records in a folder named by `.log4brains.yml` are log4brains records. */
  log4brains?: boolean;
}

/** Parses one decision record. Never throws; what it cannot read becomes a problem. */
export function parseDecision(path: string, text: string, folder: string, options: ParseOptions = {}): Decision {
  const source = readSource(text);
  const { headings, lines, tableFields, raw } = outline(source.tokens);
  const front = source.frontMatter;
  const name = basename(path);
  const problems: Problem[] = frontMatterProblem(path, front);
  const references: Reference[] = [];

  // Title and numbers.
  const h1 = headings.find((h) => h.level === 1);
  const fmTitle = asText(front?.fields.get('title')?.value);
  const fromName = numberFromFileName(name);
  let fromTitle = h1 ? numberFromTitle(h1.text) : undefined;
  // "# 6 Blocking retries" in 0006-…md: a bare leading number is the record's own number.
  const bare = h1 && fromName && !fromTitle ? /^0*(\d+)\s+(\S.*)$/.exec(h1.text) : null;
  if (bare && Number(bare[1]) === fromName?.number) fromTitle = { number: fromName.number, title: bare[2] };
  const title = (fromTitle?.title ?? h1?.text ?? fmTitle ?? '').trim() || titleFromFileName(name);
  if (fromName && fromTitle && fromName.number !== fromTitle.number) {
    problems.push({
      path,
      line: h1?.line ?? 0,
      code: 'number-mismatch',
      severity: 'warning',
      message: `The file name says ${fromName.number} but the title says ${fromTitle.number}; make them agree.`,
    });
  }

  let statusText: string | undefined;
  let statusLocation: StatusLocation | undefined;
  let format: DecisionFormat = 'unknown';
  let dateText: string | undefined;
  let tags: string[] = [];
  let deciders: string[] = [];

  // 1. Front matter (MADR 3/4, log4brains variants).
  if (front) {
    const status = front.fields.get('status');
    const statusValue = asText(status?.value);
    if (status && statusValue !== undefined) {
      statusText = statusValue;
      if (status.span) statusLocation = { kind: 'frontMatter', value: status.span, line: status.line };
      format = 'madr3';
      const children = parseInline(statusValue);
      const hrefs = children.filter((c) => c.type === 'link_open').map((c) => String(c.attrGet('href') ?? ''));
      references.push(...referencesFrom(path, statusValue.replace(/^[^a-z]*/i, ''), hrefs, status.line));
    }
    dateText = asText((front.fields.get('date') ?? front.fields.get('created'))?.value);
    tags = asList(front.fields.get('tags')?.value);
    deciders = asList((front.fields.get('decision-makers') ?? front.fields.get('deciders'))?.value);
    for (const key of ['supersedes', 'superseded-by', 'superseded_by', 'supersededby']) {
      const field = front.fields.get(key);
      const relation = key === 'supersedes' ? 'supersedes' : 'supersededBy';
      for (const item of asList(field?.value)) {
        const target = /\.(md|markdown)$/i.test(item) ? resolveHref(path, item) : undefined;
        if (target) references.push({ relation, path: target, line: field?.line ?? 0 });
        else {
          const words = relation === 'supersedes' ? 'Supersedes' : 'Superseded by';
          references.push(...referencesFrom(path, `${words} ${item}`, [], field?.line ?? 0));
        }
      }
    }
  }

  // 2. A "## Status" section, or "## Status: Accepted" in the heading itself (Nygard and friends).
  if (statusText === undefined) {
    const index = headings.findIndex((h) => /^status\b/i.test(h.text));
    if (index >= 0) {
      const heading = headings[index];
      const inHeading = /^status\s*[:\-–—]\s*(.+)$/i.exec(heading.text);
      if (inHeading) {
        statusText = inHeading[1].trim();
        statusLocation = { kind: 'heading', value: valueSpan(source, heading.line, true), line: heading.line };
      } else {
        const first = lines.find((l) => l.section === index && l.text.trim());
        statusText = first ? first.text.trim() : '';
        if (first) {
          statusLocation = {
            kind: 'section',
            value: valueSpan(source, first.line, false),
            line: first.line,
            headingLine: heading.line,
          };
        } else {
          statusLocation = {
            kind: 'section',
            value: { start: 0, end: 0 },
            line: heading.line,
            headingLine: heading.line,
          };
        }
      }
      format = 'nygard';
    }
  }

  // 3. Field lines: MADR 2 bullets ("* Status: accepted"), Nygard paragraphs ("Status: Accepted"),
  //    and table rows.
  for (const line of lines) {
    const field = fieldOf(line.text);
    if (!field) continue;
    const [key, value] = field;
    if (key === 'status' && statusText === undefined) {
      statusText = value;
      statusLocation = { kind: 'field', value: valueSpan(source, line.line, true), line: line.line };
      format = line.kind === 'listItem' ? 'madr2' : 'nygard';
    } else if (key === 'date' && dateText === undefined) dateText = value;
    else if (key === 'tags' && tags.length === 0) tags = asList(value);
    else if (key === 'deciders' && deciders.length === 0) deciders = asList(value);
  }
  for (const row of tableFields) {
    const key = FIELD_KEYS.get(row.key.toLowerCase().replace(/[*:]/g, '').trim());
    if (key === 'status' && statusText === undefined) {
      statusText = row.value;
      const raw = lineText(source, row.line);
      const at = raw.indexOf(row.value, raw.toLowerCase().indexOf('status') + 6);
      const start = source.lineStarts[row.line] ?? 0;
      if (at >= 0)
        statusLocation = {
          kind: 'field',
          value: { start: start + at, end: start + at + row.value.length },
          line: row.line,
        };
    } else if (key === 'date' && dateText === undefined) dateText = row.value;
    else if (key === 'tags' && tags.length === 0) tags = asList(row.value);
  }

  // Relations anywhere in the body (status sections carry them in Nygard records).
  for (const line of lines) references.push(...referencesFrom(path, line.text, line.hrefs, line.line));

  // No status anywhere: guess the family from what is there (new records follow the folder's format).
  if (format === 'unknown') {
    if (front && front.fields.size > 0) format = 'madr3';
    else if (fromTitle) format = 'nygard';
  }
  if (options.log4brains && format !== 'madr3') format = 'log4brains';

  const firstStatusLine = (statusText ?? '').split('\n')[0].trim();
  let status = normalizeStatus(firstStatusLine);
  // "OPEN" followed by "Superceded by [19. …](…)" in the same record: the link is the later fact.
  if (status !== 'rejected' && status !== 'deprecated' && references.some((r) => r.relation === 'supersededBy')) {
    status = 'superseded';
  }
  const line = statusLocation?.line ?? h1?.line ?? 0;
  if (!firstStatusLine) {
    problems.push({
      path,
      line,
      code: 'missing-status',
      severity: 'warning',
      message: 'This decision record has no status; add one (Proposed, Accepted, …).',
    });
  } else if (status === 'unknown') {
    problems.push({
      path,
      line,
      code: 'unknown-status',
      severity: 'info',
      message: `Status "${firstStatusLine}" is not one Cadence knows; it is shown as written.`,
    });
  }

  const contextIndex = headings.findIndex((h) =>
    /^(context|context and problem statement|problem|background)\b/i.test(h.text),
  );
  const decisionIndex = headings.findIndex((h) => /^(decision|decision outcome)\b/i.test(h.text));
  return {
    path,
    folder,
    number: fromName?.number ?? fromTitle?.number,
    numberText: fromName?.text,
    title,
    status,
    statusText: firstStatusLine,
    date: dateText ? parseDate(dateText) : undefined,
    dateText,
    tags,
    deciders,
    format,
    references,
    statusLocation,
    titleLine: h1?.line,
    summary: { context: excerpt(raw, contextIndex), decision: excerpt(raw, decisionIndex) },
    problems,
  };
}

/** The headings of a Markdown file, from the same parse the index uses (outlines, document symbols). */
export function headingsOf(text: string): Heading[] {
  return outline(readSource(text).tokens).headings;
}

/** True when a parsed file looks like a record: a number (or a log4brains date id) or a status. */
export function looksLikeDecision(decision: Decision): boolean {
  return decision.number !== undefined || decision.statusText !== '' || /^\d{8}-/.test(basename(decision.path));
}

/** Parses one runbook; review state is computed by the index. Never throws. */
export function parseRunbook(path: string, text: string, folder: string): Runbook {
  const source = readSource(text);
  const { headings } = outline(source.tokens);
  const front = source.frontMatter;
  const fields = front?.fields;
  const get = (key: string): string | undefined => asText(fields?.get(key)?.value);
  const h1 = headings.find((h) => h.level === 1);
  const reviewed = fields?.get('last_reviewed_on') ?? fields?.get('last-reviewed-on') ?? fields?.get('last_reviewed');
  const reviewedText = asText(reviewed?.value);
  return {
    path,
    folder,
    title: get('title') ?? h1?.text ?? titleFromFileName(basename(path)),
    owner: get('owner'),
    ownerSlack: get('owner_slack'),
    service: get('service'),
    severity: get('severity'),
    lastReviewedOn: reviewedText ? parseDate(reviewedText) : undefined,
    lastReviewedSpan: reviewed?.span,
    lastReviewedLine: reviewed?.line,
    reviewIn: get('review_in'),
    problems: frontMatterProblem(path, front),
  };
}
