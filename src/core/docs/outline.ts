/** The block outline of a Markdown file: headings and the few text lines the index reads. */
import type { Token } from 'markdown-it';
import { inlineChildren } from './source';

/** One line of rendered text from a heading, paragraph, list item or table row. */
export interface TextLine {
  text: string;
  line: number;
  hrefs: string[];
  kind: 'paragraph' | 'listItem' | 'table';
  /** Index into `headings` of the section the line is in (-1 before any heading). */
  section: number;
  /** Where in `text` the first code span starts, when the line has one. */
  code?: number;
  /** `text` without code spans and autolinks (what record mentions are read from), when it differs. */
  prose?: string;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
  /** A setext heading's underline (its last line); absent for a one-line ATX heading. */
  endLine?: number;
}

export interface Outline {
  headings: Heading[];
  lines: TextLine[];
  /** key/value rows from tables ("| Status | Accepted |"). */
  tableFields: { key: string; value: string; line: number; column: number }[];
  /** Raw Markdown of the first blocks of summary sections (context, decision), kept unparsed. */
  raw: { section: number; text: string }[];
}

type RenderedLine = { text: string; hrefs: string[]; code?: number; prose?: string };

/**
 * Renders inline tokens to plain text lines (emphasis dropped), collecting link targets per line.
 * `prose` is kept apart when code spans or autolinks (`<https://…>`) make the text differ from it.
 */
export function inlineLines(children: Token[] | null): RenderedLine[] {
  const lines: RenderedLine[] = [{ text: '', hrefs: [] }];
  let autolink = false;
  const add = (line: RenderedLine, content: string, prose: boolean): void => {
    if (!prose) line.prose ??= line.text;
    else if (line.prose !== undefined) line.prose += content;
    line.text += content;
  };
  for (const child of children ?? []) {
    const current = lines[lines.length - 1];
    if (child.type === 'softbreak' || child.type === 'hardbreak') lines.push({ text: '', hrefs: [] });
    else if (child.type === 'text' || child.type === 'text_special') add(current, child.content, !autolink);
    else if (child.type === 'code_inline') {
      current.code ??= current.text.length;
      add(current, child.content, false);
    } else if (child.type === 'link_open') {
      current.hrefs.push(String(child.attrGet('href') ?? ''));
      autolink = child.markup === 'autolink' || child.markup === 'linkify';
    } else if (child.type === 'link_close') autolink = false;
    else if (child.type === 'image') add(current, child.content, true);
  }
  return lines;
}

/**
 * Blocks worth an inline parse outside the sections read for summaries: a field line ("Status:",
 * "* Date:", "**Tags:**") or a supersede/amend link. A test on the raw block text, not structure.
 * FIELD_KEY and MENTIONED are its two halves, for the scanner (simpleOutline.ts), which knows where
 * its lines start and tests the keys there only: one regular expression with a line-start branch
 * costs three times as much.
 */
const RELEVANT =
  /(?:^|\n)[\s>*_|#+-]*(?:status|state|date|created|deciders|decision[- ]makers|decided by|authors|tags)\b|supers|superc|amend|replac|\.(?:md|markdown)\b|\bADR[- ]?\d/i;
/** A field key at a line's start (sticky: set `lastIndex`). */
export const FIELD_KEY = /(?:status|state|date|created|deciders|decision[- ]makers|decided by|authors|tags)\b/iy;
/** A supersede/amend word, a Markdown file name or an "ADR-17" mention anywhere. */
export const MENTIONED = /supers|superc|amend|replac|\.(?:md|markdown)\b|\bADR[- ]?\d/i;
const SUMMARY_SECTIONS = /^(context|problem|background|decision)/i;
const STATUS_SECTION = /^status\b/i;

type Rendered = ReturnType<typeof inlineLines>;

/**
 * Builds an outline block by block, in document order: the markdown-it walk below and the scanner
 * for simple files (simpleOutline.ts) feed it the same way, so both give the same outline.
 */
export class OutlineBuilder {
  readonly result: Outline = { headings: [], lines: [], tableFields: [], raw: [] };
  private summaryBlocks = 0;

  /**
   * A heading starting on `line`; a setext heading passes its underline's line (`endLine`) and its
   * text as written (`content`).
   */
  heading(level: number, line: number, rendered: Rendered, endLine?: number, content = ''): void {
    const text = rendered
      .map((l) => l.text)
      .join(' ')
      .trim();
    this.result.headings.push({ level, text, line, ...(endLine !== undefined ? { endLine } : {}) });
    this.summaryBlocks = 0;
    // A paragraph that a following "---" turned into a heading ("status: accepted⏎Superseded by
    // [2. X](…)⏎---") still says what its lines say: they are read as text lines of its section.
    if (rendered.length > 1 && RELEVANT.test(content)) this.lines(rendered, line, false);
  }

  /** A paragraph or list item's text (`content` as written), starting on `line`. */
  block(
    content: string,
    line: number,
    listItem: boolean,
    render: () => Rendered,
    relevant = (text: string) => RELEVANT.test(text),
  ): void {
    const result = this.result;
    const heading = result.headings[result.headings.length - 1];
    const section = result.headings.length - 1;
    const early = this.summaryBlocks++ < 3;
    if (heading !== undefined && early && SUMMARY_SECTIONS.test(heading.text)) {
      result.raw.push({ section, text: content });
    }
    const inStatus = heading !== undefined && early && STATUS_SECTION.test(heading.text);
    if (!inStatus && !relevant(content)) return;
    this.lines(render(), line, listItem);
  }

  private lines(rendered: Rendered, line: number, listItem: boolean): void {
    const section = this.result.headings.length - 1;
    rendered.forEach((l, offset) =>
      this.result.lines.push({
        text: l.text,
        line: line + offset,
        hrefs: l.hrefs,
        kind: listItem ? 'listItem' : 'paragraph',
        section,
        ...(l.code !== undefined ? { code: l.code } : {}),
        ...(l.prose !== undefined ? { prose: l.prose } : {}),
      }),
    );
  }
}

/** Walks markdown-it's block tokens once: headings, and the text lines the index reads. */
export function outline(tokens: Token[]): Outline {
  const builder = new OutlineBuilder();
  const result = builder.result;
  let listDepth = 0;
  let blockLine = 0;
  let row: { cells: string[]; line: number; header: boolean } | undefined;
  let header: string[] = [];
  let headerLine = 0;
  let bodyRows = 0;
  let inHead = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.map) blockLine = token.map[0];
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[i + 1];
        const last = token.map ? token.map[1] - 1 : blockLine;
        builder.heading(
          Number(token.tag.slice(1)) || 1,
          blockLine,
          inlineLines(inline ? inlineChildren(inline) : null),
          last > blockLine ? last : undefined,
          inline?.content,
        );
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
      case 'table_open':
        header = [];
        bodyRows = 0;
        break;
      case 'table_close':
        // "| Status | Accepted |" over "|---|---|" alone: GFM makes it the header; it is a field row.
        if (bodyRows === 0 && header.length >= 2)
          result.tableFields.push({ key: header[0], value: header[1], line: headerLine, column: 1 });
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
          if (row.header) {
            header = row.cells;
            headerLine = row.line;
          } else {
            bodyRows++;
            const [key, value] = row.cells;
            if (key !== undefined && value !== undefined)
              result.tableFields.push({ key, value, line: row.line, column: 1 });
            header.forEach((name, index) => {
              const cell = row?.cells[index];
              if (cell !== undefined)
                result.tableFields.push({ key: name, value: cell, line: row?.line ?? 0, column: index });
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
        builder.block(token.content, blockLine, listDepth > 0, () => inlineLines(inlineChildren(token)));
        break;
      }
      default:
        break;
    }
  }
  return result;
}

/** The first words of a section as written (Markdown), for tooltips: no inline parse needed. */
export function excerpt(raw: Outline['raw'], section: number): string | undefined {
  if (section < 0) return undefined;
  let text = '';
  for (const block of raw) {
    if (block.section !== section) continue;
    text += (text ? ' ' : '') + block.text.slice(0, 300 - text.length);
    if (text.length >= 300) break;
  }
  // Runs of white space become one space (most text has none but single spaces: no copy then).
  text = (
    /\s\s|[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/.test(text)
      ? text.replace(/\s+/g, ' ')
      : text
  ).trim();
  if (!text) return undefined;
  return text.length > 280 ? `${text.slice(0, 279)}…` : text;
}
