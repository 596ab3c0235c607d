import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Span } from './types';

/** A file's text with what every parser needs: line offsets, front matter, Markdown tokens. */
export interface Source {
  /** The original text, BOM and CRLF included: edits are offsets into it. */
  text: string;
  eol: '\n' | '\r\n';
  /** Offset of the first character after a BOM. */
  contentStart: number;
  /** Offset where each 0-based line starts. */
  lineStarts: number[];
  frontMatter?: FrontMatter;
  /** Markdown tokens of the body; their `map` lines are already shifted to file lines. */
  tokens: Token[];
}

export interface FrontMatterField {
  value: unknown;
  /** Span of the value as written (quotes included), for replacing it; ends with its last content line. */
  span?: Span;
  /** Span of the key as written: edits that must rewrite a whole value start after its ':'. */
  keySpan?: Span;
  line: number;
}

export interface FrontMatter {
  /** 0-based line of the opening and closing `---`. */
  startLine: number;
  endLine: number;
  /** Offset where the closing `---` line starts: new keys are inserted there. */
  endOffset: number;
  fields: Map<string, FrontMatterField>;
  /** The first YAML error, with its 0-based file line. */
  error?: { message: string; line: number };
}

let markdown: InstanceType<typeof MarkdownIt> | undefined;

/**
 * One shared parser: GFM tables on (statuses live in tables too), raw HTML tolerated. Inline parsing
 * is switched off for the block pass and done on demand (`inlineChildren`) for the few blocks the
 * index reads: markdown-it allocates a token per inline span, and most prose is never looked at.
 */
function md(): InstanceType<typeof MarkdownIt> {
  if (!markdown) {
    markdown = new MarkdownIt({ html: true, linkify: false });
    markdown.core.ruler.disable(['inline', 'text_join']);
  }
  return markdown;
}

/** The inline tokens of an `inline` block token, parsed on first use. */
const parsedInline = new WeakSet<Token>();

export function inlineChildren(token: Token): Token[] {
  // Block rules create inline tokens with `children = []`; a WeakSet marks the ones parsed.
  if (!parsedInline.has(token)) {
    parsedInline.add(token);
    const children: Token[] = [];
    try {
      md().inline.parse(token.content, md(), {}, children);
    } catch {
      children.length = 0;
    }
    token.children = children;
  }
  return token.children ?? [];
}

/** Splits `text` into line-start offsets; a line ends at LF (a CR before it belongs to the break). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text of a 0-based line without its line break. */
export function lineText(source: Source, line: number): string {
  const start = source.lineStarts[line];
  if (start === undefined) return '';
  const next = source.lineStarts[line + 1];
  let end = next === undefined ? source.text.length : next - 1;
  if (end > start && source.text[end - 1] === '\r') end--;
  return source.text.slice(start, end);
}

/** The 0-based line holding character `offset`. */
export function lineAt(source: Source, offset: number): number {
  let lo = 0;
  let hi = source.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (source.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isFence(line: string): boolean {
  return line.trimEnd() === '---';
}

/** Reads front matter (`---` … `---`/`...` at the very top) with `yaml`, keeping value offsets. */
function readFrontMatter(source: Source): FrontMatter | undefined {
  const firstLine = lineText(source, 0).replace(/^\uFEFF/, '');
  if (!isFence(firstLine)) return undefined;
  let endLine = -1;
  for (let line = 1; line < source.lineStarts.length; line++) {
    const t = lineText(source, line).trimEnd();
    if (t === '---' || t === '...') {
      endLine = line;
      break;
    }
  }
  if (endLine < 0) return undefined;
  const yamlStart = source.lineStarts[1];
  const endOffset = source.lineStarts[endLine];
  const yamlText = source.text.slice(yamlStart, endOffset);
  const fields = new Map<string, FrontMatterField>();
  const front: FrontMatter = { startLine: 0, endLine, endOffset, fields };
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false, strict: false });
  const error = doc.errors[0];
  if (error) {
    front.error = { message: error.message.split('\n')[0], line: lineAt(source, yamlStart + error.pos[0]) };
  }
  if (!front.error && doc.contents !== null && !isMap(doc.contents)) {
    // Text but no `key: value` pairs: no field can be read, and no key can be added safely.
    front.error = { message: 'it is not a list of key: value fields', line: 1 };
  }
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value).trim().toLowerCase() : undefined;
      if (!key || fields.has(key)) continue;
      const node = pair.value;
      let value: unknown;
      try {
        value = node && typeof node === 'object' && 'toJSON' in node ? (node as { toJSON(): unknown }).toJSON() : node;
      } catch {
        value = undefined;
      }
      const range = node && typeof node === 'object' && 'range' in node ? (node.range as number[] | null) : null;
      const keyRange = isScalar(pair.key) ? pair.key.range : null;
      let span = range ? { start: yamlStart + range[0], end: yamlStart + range[1] } : undefined;
      // A block value (`status: >`, a list) ends after its line break: keep the break out of the span.
      if (span) {
        let end = span.end;
        while (end > span.start && /\s/.test(source.text[end - 1])) end--;
        span = { start: span.start, end };
      }
      const keySpan = keyRange ? { start: yamlStart + keyRange[0], end: yamlStart + keyRange[1] } : undefined;
      const line = lineAt(source, span?.start ?? yamlStart + (keyRange?.[0] ?? 0));
      fields.set(key, { value, span, keySpan, line });
    }
  }
  return front;
}

/** Builds a Source; never throws for any string. */
export function readSource(text: string): Source {
  const source: Source = {
    text,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    contentStart: text.startsWith('\uFEFF') ? 1 : 0,
    lineStarts: lineStartsOf(text),
    tokens: [],
  };
  source.frontMatter = readFrontMatter(source);
  const bodyLine = source.frontMatter ? source.frontMatter.endLine + 1 : 0;
  const bodyStart = source.lineStarts[bodyLine] ?? text.length;
  const body = text.slice(Math.max(bodyStart, source.contentStart));
  try {
    source.tokens = md().parse(body, {});
  } catch {
    source.tokens = [];
  }
  for (const token of source.tokens) shift(token, bodyLine);
  return source;
}

function shift(token: Token, lines: number): void {
  if (token.map) token.map = [token.map[0] + lines, token.map[1] + lines];
}

/** Inline-parses a short string (a status from front matter) to find its links. */
export function parseInline(text: string): Token[] {
  const children: Token[] = [];
  try {
    md().inline.parse(text, md(), {}, children);
  } catch {
    return [];
  }
  return children;
}
