import MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';
import { isMap, isScalar, parseDocument, visit } from 'yaml';
import { simpleFrontMatter } from './simpleFrontMatter';
import type { ProblemCode, Severity, Span } from './types';

/** Front matter larger than this is not parsed (real front matter is a few hundred bytes). */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
/** Aliases a front matter may expand (`yaml`'s default is 100; fields are a handful of scalars). */
const MAX_ALIAS_COUNT = 20;
/** YAML nodes a front matter may hold; past it, nothing is converted (a bound on memory). */
const MAX_FRONT_MATTER_NODES = 2_000;
/** Nesting depth of collections a front matter may have. */
const MAX_FRONT_MATTER_DEPTH = 16;

/** A problem found while reading the text itself (front matter), before any format is applied. */
export interface SourceNote {
  code: ProblemCode;
  severity: Severity;
  line: number;
  message: string;
}

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
  /** The 0-based line and the offset where the Markdown body starts (after front matter and BOM). */
  bodyLine: number;
  bodyStart: number;
  /**
   * Markdown tokens of the body, their `map` lines already shifted to file lines: parsed on first
   * use (simple records are outlined without them, see simpleOutline.ts).
   */
  readonly tokens: Token[];
  /** Problems of the text itself: unclosed front matter, duplicate keys. */
  notes: SourceNote[];
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

/**
 * Simple front matter and simple Markdown are read by strict scanners instead of `yaml` and
 * markdown-it (simpleFrontMatter.ts, simpleOutline.ts); tests switch this off to compare both ways.
 */
export const fastPaths = { enabled: true };

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
    markdown.inline.ruler.before('text', 'cadence_line_breaks', keepLineBreaks);
  }
  return markdown;
}

/** Where the inline tokenizer's current step began, per parse. */
const stepStart = new WeakMap<StateInline, { pos: number; tokens: number }>();

/**
 * markdown-it swallows the line breaks inside a code span (`` `a⏎b` `` becomes "a b"), raw HTML, a
 * link's title and an image's text; the index needs every rendered line on its own source line
 * (Change Status edits the line it read). This rule runs first at each step of the inline
 * tokenizer, never matches, and puts back a `softbreak` for each line break the previous step
 * consumed without emitting one.
 */
function keepLineBreaks(state: StateInline, silent: boolean): boolean {
  if (silent) return false;
  const last = stepStart.get(state);
  if (last && last.pos < state.pos) {
    let missing = 0;
    for (let i = last.pos; i < state.pos; i++) if (state.src.charCodeAt(i) === 10) missing++;
    for (let i = last.tokens; i < state.tokens.length && missing > 0; i++) {
      const type = state.tokens[i].type;
      if (type === 'softbreak' || type === 'hardbreak') missing--;
    }
    for (; missing > 0; missing--) state.push('softbreak', 'br', 0);
  }
  stepStart.set(state, { pos: state.pos, tokens: state.tokens.length });
  return false;
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

/**
 * Where front matter (`---` on the very first line) closes: the line of the closing `---` or `...`,
 * -1 when no line up to `lastLine` closes it, undefined when the text has no front matter.
 */
export function frontMatterClose(line: (index: number) => string, lastLine: number): number | undefined {
  if (!isFence(line(0).replace(/^\uFEFF/, ''))) return undefined;
  for (let index = 1; index <= lastLine; index++) {
    const t = line(index).trimEnd();
    if (t === '---' || t === '...') return index;
  }
  return -1;
}

/**
 * Reads front matter (`---` … `---`/`...` at the very top) with `yaml`, keeping value offsets.
 * Every repository is untrusted input, so the parse is bounded: the text's size, `stringKeys`
 * (a collection used as a key is an error, never stringified), the node count and depth, and
 * `maxAliasCount`. A YAML error stops the conversion of collections: only plain scalars are read
 * from a document with errors (converting an erroneous nest of 500 `{` costs gigabytes).
 */
function readFrontMatter(source: Source): FrontMatter | undefined {
  const endLine = frontMatterClose((line) => lineText(source, line), source.lineStarts.length - 1);
  if (endLine === undefined) return undefined;
  if (endLine < 0) {
    source.notes.push({
      code: 'unclosed-front-matter',
      severity: 'warning',
      line: 0,
      message: 'Front matter opened on the first line is never closed (no second `---` line); its fields are not read.',
    });
    return undefined;
  }
  const yamlStart = source.lineStarts[1];
  const endOffset = source.lineStarts[endLine];
  const fields = new Map<string, FrontMatterField>();
  const front: FrontMatter = { startLine: 0, endLine, endOffset, fields };
  if (endOffset - yamlStart > MAX_FRONT_MATTER_BYTES) {
    front.error = { message: `it is over ${MAX_FRONT_MATTER_BYTES / 1024} KiB, so it was not read`, line: 1 };
    return front;
  }
  const simple = fastPaths.enabled
    ? simpleFrontMatter(source.text.slice(yamlStart, endOffset), yamlStart, 1)
    : undefined;
  if (simple) {
    front.fields = simple;
    return front;
  }
  const yamlText = source.text.slice(yamlStart, endOffset);
  const nesting = tooDeep(yamlText);
  if (nesting !== undefined) {
    front.error = {
      message: 'it nests too deeply or holds too many values to be front matter',
      line: lineAt(source, yamlStart + nesting),
    };
    return front;
  }
  const doc = parseDocument(yamlText, {
    prettyErrors: false,
    uniqueKeys: false,
    strict: false,
    stringKeys: true,
    merge: false,
    schema: 'core',
  });
  const error = doc.errors[0];
  if (error) {
    front.error = { message: error.message.split('\n')[0], line: lineAt(source, yamlStart + error.pos[0]) };
  }
  if (!front.error && doc.contents !== null && !isMap(doc.contents)) {
    // Text but no `key: value` pairs: no field can be read, and no key can be added safely.
    front.error = { message: 'it is not a list of key: value fields', line: 1 };
  }
  if (!front.error && !withinBounds(doc)) {
    front.error = { message: 'it nests too deeply or holds too many values to be front matter', line: 1 };
  }
  if (!isMap(doc.contents)) return front;
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value).trim().toLowerCase() : undefined;
    if (!key) continue;
    const node = pair.value;
    const keyRange = isScalar(pair.key) ? pair.key.range : null;
    const keySpan = keyRange ? { start: yamlStart + keyRange[0], end: yamlStart + keyRange[1] } : undefined;
    const seen = fields.get(key);
    if (seen) {
      const line = keySpan ? lineAt(source, keySpan.start) : seen.line;
      source.notes.push({
        code: 'duplicate-key',
        severity: 'warning',
        line,
        message: `\`${key}\` is set twice in the front matter (lines ${seen.line + 1} and ${line + 1}); the first is used.`,
      });
      continue;
    }
    // With errors, only plain scalars are converted; collections and aliases are left out.
    if (front.error && node !== null && !isScalar(node)) continue;
    let value: unknown;
    try {
      value = isScalar(node) ? node.value : node ? node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) : node;
    } catch (conversion) {
      value = undefined;
      front.error ??= {
        message: conversion instanceof Error ? conversion.message.split('\n')[0] : String(conversion),
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
      };
    }
    if (
      isScalar(node) &&
      typeof value === 'number' &&
      !Number.isSafeInteger(value) &&
      /^[-+]?\d{16,}$|e\d{3,}/i.test(String(node.source ?? ''))
    ) {
      // 12345678901234567890 or 1e999 as a number would lose its digits: keep the text as written.
      value = String(node.source);
      source.notes.push({
        code: 'invalid-front-matter',
        severity: 'info',
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
        message: `\`${key}\` is too large to be a number; it is read as the text written.`,
      });
    }
    if (TEXT_FIELDS.has(key) && hasObject(value)) {
      // An alias or a mapping where text belongs (`tags: *anchor` to a map): left out, and said.
      value = Array.isArray(value) ? value.filter((v) => !isObjectValue(v)) : undefined;
      source.notes.push({
        code: 'invalid-front-matter',
        severity: 'warning',
        line: lineAt(source, yamlStart + (keyRange?.[0] ?? 0)),
        message: `\`${key}\` holds a mapping or list where text is expected; that part is not read.`,
      });
    }
    const range = node && typeof node === 'object' && 'range' in node ? (node.range as number[] | null) : null;
    let span = range ? { start: yamlStart + range[0], end: yamlStart + range[1] } : undefined;
    // A block value (`status: >`, a list) ends after its line break: keep the break out of the span.
    if (span) {
      let end = span.end;
      while (end > span.start && /\s/.test(source.text[end - 1])) end--;
      span = { start: span.start, end };
    }
    const line = lineAt(source, span?.start ?? yamlStart + (keyRange?.[0] ?? 0));
    fields.set(key, { value, span, keySpan, line });
  }
  return front;
}

/**
 * The offset where `yaml` text nests flow collections (`{`, `[`) or block indicators (`? `, `- `)
 * deeper than front matter ever does, or undefined. A linear scan before parsing: `yaml`'s parser
 * spends milliseconds per unclosed bracket (an error object each), so 600 of them cost a second.
 */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let quote = '';
  let lineIndicators = 0;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      // Quotes end with the line for this scan: a stray `"` inside plain text must not hide the rest.
      atLineStart = true;
      lineIndicators = 0;
      quote = '';
      continue;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      atLineStart = false;
    } else if (c === '{' || c === '[') {
      if (++depth > MAX_FRONT_MATTER_DEPTH) return i;
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
    } else if (atLineStart && (c === '?' || c === '-' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      if (++lineIndicators > MAX_FRONT_MATTER_DEPTH) return i;
    } else if (c !== ' ' && c !== '\t') {
      atLineStart = false;
    }
  }
  return undefined;
}

/** Front matter fields whose values are text, or lists of text. */
const TEXT_FIELDS = new Set([
  'title',
  'status',
  'date',
  'created',
  'tags',
  'deciders',
  'decision-makers',
  'owner',
  'service',
  'last_reviewed_on',
  'review_in',
  'supersedes',
  'superseded-by',
  'superseded_by',
]);

function isObjectValue(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

/** True for a mapping, or a list holding a mapping or a list. */
function hasObject(value: unknown): boolean {
  return Array.isArray(value) ? value.some(isObjectValue) : isObjectValue(value);
}

/** True when the document's node tree is small and shallow enough to convert. */
function withinBounds(doc: ReturnType<typeof parseDocument>): boolean {
  let nodes = 0;
  let ok = true;
  visit(doc, (_key, _node, path) => {
    if (++nodes > MAX_FRONT_MATTER_NODES || path.length > MAX_FRONT_MATTER_DEPTH * 2 + 2) {
      ok = false;
      return visit.BREAK;
    }
    return undefined;
  });
  return ok;
}

/** Builds a Source; never throws for any string. */
export function readSource(text: string): Source {
  let tokens: Token[] | undefined;
  const source: Source = {
    text,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    contentStart: text.startsWith('\uFEFF') ? 1 : 0,
    lineStarts: lineStartsOf(text),
    bodyLine: 0,
    bodyStart: 0,
    get tokens(): Token[] {
      tokens ??= bodyTokens(source);
      return tokens;
    },
    notes: [],
  };
  source.frontMatter = readFrontMatter(source);
  source.bodyLine = source.frontMatter ? source.frontMatter.endLine + 1 : 0;
  source.bodyStart = Math.max(source.lineStarts[source.bodyLine] ?? text.length, source.contentStart);
  return source;
}

function bodyTokens(source: Source): Token[] {
  let tokens: Token[];
  try {
    tokens = md().parse(source.text.slice(source.bodyStart), {});
  } catch {
    tokens = [];
  }
  for (const token of tokens) shift(token, source.bodyLine);
  return tokens;
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
