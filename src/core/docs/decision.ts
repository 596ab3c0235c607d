/** Parsing one decision record, in any of the formats people write. */
import { parseDate } from './dates';
import {
  FIELD_KEYS,
  asList,
  asText,
  cellSpan,
  fieldOf,
  frontMatterProblem,
  referencesFrom,
  resolveHref,
  valueSpan,
} from './fields';
import { numberFromFileName, numberFromTitle, titleFromFileName } from './names';
import { excerpt } from './outline';
import { outlineOf } from './simpleOutline';
import { basename } from './paths';
import { type Source, parseInline, readSource } from './source';
import { normalizeStatus } from './status';
import type { Decision, DecisionFormat, Problem, Reference, StatusLocation } from './types';

/** "ADR-17", "ADR 0017", "adr-17": a record named by number (`#17` is usually an issue, never this). */
const MENTION = /\bADR[- ]?0*(\d{1,6})\b/gi;
/** A bare URL in prose (`https://…/adr-017-foo.html`, `www.…`): no mention inside it. */
const BARE_URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/gi;

export interface ParseOptions {
  /** Records in a folder named by `.log4brains.yml` are log4brains records. */
  log4brains?: boolean;
}

/** Parses one decision record. Never throws; what it cannot read becomes a problem. */
export function parseDecision(path: string, text: string, folder: string, options: ParseOptions = {}): Decision {
  return decisionFromSource(path, readSource(text), folder, options);
}

/** `parseDecision` over an already read Source (edits read the text once). */
export function decisionFromSource(path: string, source: Source, folder: string, options: ParseOptions = {}): Decision {
  const { headings, lines, tableFields, raw } = outlineOf(source);
  const front = source.frontMatter;
  const name = basename(path);
  const problems: Problem[] = frontMatterProblem(path, source);
  const references: Reference[] = [];

  // Title and numbers.
  const h1 = headings.find((h) => h.level === 1);
  const fmTitle = asText(front?.fields.get('title')?.value);
  const fromName = numberFromFileName(name);
  // The heading is the title; without one, front matter's `title: "ADR013: …"` is read the same way.
  let fromTitle = h1 ? numberFromTitle(h1.text) : fmTitle !== undefined ? numberFromTitle(fmTitle) : undefined;
  const titleAt = h1?.line ?? front?.fields.get('title')?.line ?? 0;
  // "# 6 Blocking retries" in 0006-…md: a bare leading number is the record's own number.
  const bare = h1 && fromName && !fromTitle ? /^0*(\d+)\s+(\S.*)$/.exec(h1.text) : null;
  if (bare && Number(bare[1]) === fromName?.number) fromTitle = { number: fromName.number, title: bare[2] };
  const title = (fromTitle?.title ?? h1?.text ?? fmTitle ?? '').trim() || titleFromFileName(name);
  if (fromName && fromTitle && fromName.number !== fromTitle.number) {
    problems.push({
      path,
      line: titleAt,
      code: 'number-mismatch',
      severity: 'warning',
      message: `The file name says ${fromName.number} but the title says ${fromTitle.number}; make them agree.`,
    });
  }

  let statusText: string | undefined;
  let statusLocation: StatusLocation | undefined;
  let format: DecisionFormat = 'unknown';
  let dateText: string | undefined;
  let dateLine: number | undefined;
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
      // Links need a `[` or an autolink's `<`; most statuses are one word.
      const children = /[[<]/.test(statusValue) ? parseInline(statusValue) : [];
      const hrefs = children.filter((c) => c.type === 'link_open').map((c) => String(c.attrGet('href') ?? ''));
      references.push(...referencesFrom(path, statusValue.replace(/^[^a-z]*/i, ''), hrefs, status.line));
    }
    const date = front.fields.get('date') ?? front.fields.get('created');
    dateText = asText(date?.value);
    if (dateText !== undefined) dateLine = date?.line;
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
    // A heading over several lines (a paragraph over "---") is not a status heading: its lines
    // are read as fields below, as the paragraph they were written as.
    const index = headings.findIndex((h) => /^status\b/i.test(h.text) && (h.endLine ?? h.line) - h.line <= 1);
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
          const value = valueSpan(source, first.line, false, statusText);
          // The status as written, link markup included ("Superceded by [2. Y](0002-y.md)").
          statusText = source.text.slice(value.start, value.end) || statusText;
          statusLocation = {
            kind: 'section',
            value,
            line: first.line,
            headingLine: heading.endLine ?? heading.line,
          };
        } else {
          statusLocation = {
            kind: 'section',
            value: { start: 0, end: 0 },
            line: heading.line,
            headingLine: heading.endLine ?? heading.line,
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
    // "`status: accepted`" is code, not a field: the key must come before any code span.
    if (!field || (line.code !== undefined && line.code <= line.text.indexOf(':'))) continue;
    const [key, value] = field;
    if (key === 'status' && statusText === undefined) {
      const span = valueSpan(source, line.line, true, value);
      statusText = source.text.slice(span.start, span.end) || value;
      statusLocation = { kind: 'field', value: span, line: line.line };
      format = line.kind === 'listItem' ? 'madr2' : 'nygard';
    } else if (key === 'date' && dateText === undefined) {
      dateText = value;
      dateLine = line.line;
    } else if (key === 'tags' && tags.length === 0) tags = asList(value);
    else if (key === 'deciders' && deciders.length === 0) deciders = asList(value);
  }
  for (const row of tableFields) {
    const key = FIELD_KEYS.get(row.key.toLowerCase().replace(/[*:]/g, '').trim());
    if (key === 'status' && statusText === undefined) {
      statusText = row.value;
      // The cell by column index: "| Status | Date |" headers put the value on the next row.
      const span = cellSpan(source, row.line, row.column);
      if (span) statusLocation = { kind: 'field', value: span, line: row.line };
    } else if (key === 'date' && dateText === undefined) {
      dateText = row.value;
      dateLine = row.line;
    } else if (key === 'tags' && tags.length === 0) tags = asList(row.value);
  }

  // Relations anywhere in the body (status sections carry them in Nygard records); links to other
  // Markdown files and "ADR-17" mentions, which the index checks against the records it has.
  const links: NonNullable<Decision['links']> = [];
  const mentions: NonNullable<Decision['mentions']> = [];
  for (const line of lines) {
    const found = referencesFrom(path, line.text, line.hrefs, line.line);
    references.push(...found);
    for (const href of line.hrefs) {
      if (!/\.(md|markdown)(?:[#?].*)?$/i.test(href)) continue;
      const target = resolveHref(path, href);
      if (target) links.push({ path: target, href, line: line.line });
    }
    // Mentions are read from prose: not code spans, autolinks, link targets or bare URLs.
    const prose = line.prose ?? line.text;
    for (const m of (prose.includes('/') ? prose.replace(BARE_URL, ' ') : prose).matchAll(MENTION)) {
      const number = Number(m[1]);
      if (!found.some((r) => r.number === number)) mentions.push({ number, text: m[0], line: line.line });
    }
  }

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
    // Read month first here; the index reads `05/02/2018` as the record's folder writes dates.
    date: dateText ? parseDate(dateText) : undefined,
    dateText,
    ...(dateLine !== undefined ? { dateLine } : {}),
    tags,
    deciders,
    format,
    references,
    statusLocation,
    titleLine: h1?.line,
    ...(h1?.endLine !== undefined ? { titleEndLine: h1.endLine } : {}),
    summary: { context: excerpt(raw, contextIndex), decision: excerpt(raw, decisionIndex) },
    problems,
    ...(links.length > 0 ? { links } : {}),
    ...(mentions.length > 0 ? { mentions } : {}),
  };
}

/** True when a parsed file looks like a record: a number (or a log4brains date id) or a status. */
export function looksLikeDecision(decision: Decision): boolean {
  return decision.number !== undefined || decision.statusText !== '' || /^\d{8}-/.test(basename(decision.path));
}
