// A file's text as every parser sees it: the Source record, its front matter fields, and line offsets.
import type { Token } from 'markdown-it';
import type { ProblemCode, Severity, Span } from './types';

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

/** Splits `text` into line-start offsets; a line ends at LF (a CR before it belongs to the break). */
export function lineStartsOf(text: string): number[] {
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
