/**
 * The fast path for Markdown: a record made of ATX headings (`# Title`) and paragraphs that start
 * at the left margin is outlined by a line scanner, without markdown-it's block parse. Any line
 * that could start another kind of block (lists, quotes, code, tables, HTML, setext underlines,
 * link definitions, indentation) sends the whole file to markdown-it. Inline text is rendered by
 * markdown-it's inline parser unless it has no character an inline rule reacts to.
 * test/unit/docs/fastPaths.test.ts checks both paths agree.
 */
import { FIELD_KEY, MENTIONED, type Heading, type Outline, OutlineBuilder, inlineLines, outline } from './outline';
import { type Source, fastPaths, parseInline, readSource } from './source';

/** First characters of a line that may open a block other than a paragraph or an ATX heading. */
const BLOCK_START = /(?:[ \t>*+\-_=|<`~[:]|\d{1,9}[.)])/y;
/** Characters an inline rule of markdown-it reacts to (escapes, code, emphasis, links, HTML, entities). */
const INLINE = /[\\`*_~[\]!<&]/;
const HEADING = /^(#{1,6}) +(.*)$/;
/**
 * What markdown-it reads differently from a line scanner: NUL (read as U+FFFD), a lone CR (a line
 * break), and white space other than space, tab and line feed (NBSP, …: markdown-it and JavaScript
 * trim it differently). One character class, so one fast pass over the body.
 */
const NOT_SIMPLE = /[\0\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|\r(?!\n)/;

/**
 * Whether a paragraph is worth reading: a scanned line starts at its margin (no `>`, `*`, `#` or
 * space before it), so a field key can only be at a line's start, where the scanner tests it.
 */
const isField = (): boolean => true;
const mentions = (content: string): boolean => MENTIONED.test(content);
/** First letters of the field keys (status, state, date, created, deciders, decision, authors, tags). */
const FIELD_FIRST = /[sdcatSDCAT]/;

/** Plain text rendered as markdown-it does: one line per source line, trailing spaces dropped. */
function plainLines(content: string): ReturnType<typeof inlineLines> {
  if (!content.includes('\n') && !content.endsWith(' ')) return [{ text: content, hrefs: [] }];
  return content.split('\n').map((text) => ({ text: text.replace(/ +$/, ''), hrefs: [] }));
}

function rendered(content: string): ReturnType<typeof inlineLines> {
  return INLINE.test(content) ? inlineLines(parseInline(content)) : plainLines(content);
}

/**
 * The outline of `body` (the Markdown after any front matter; `first` is the 0-based file line it
 * starts on), or undefined when the body is not that simple.
 */
export function simpleOutline(text: string, first: number): Outline | undefined {
  if (NOT_SIMPLE.test(text)) return undefined;
  // No lone CR (NOT_SIMPLE): with CRLF breaks made LF, each line is the line without its break.
  const body = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const builder = new OutlineBuilder();
  // The paragraph being read: from the start of its first line to the end of its last (-1: none).
  let start = -1;
  let end = -1;
  let paragraphLine = 0;
  let field = false;
  const close = (): void => {
    if (start < 0) return;
    const content = body.slice(start, end).trim();
    builder.block(content, paragraphLine, false, () => rendered(content), field ? isField : mentions);
    start = -1;
  };
  // Lines are walked by offset (no array of lines, no joined paragraphs): most records are read here.
  let pipe = body.indexOf('|');
  for (let from = 0, index = 0; ; index++) {
    let to = body.indexOf('\n', from);
    if (to < 0) to = body.length;
    const c = body.charCodeAt(from);
    if (to === from || ((c === 0x20 || c === 0x09) && blank(body, from, to))) close();
    else if (c === 0x23 /* # */) {
      const heading = HEADING.exec(body.slice(from, to));
      // A closing sequence ("# Title #"), a tab or an empty heading: markdown-it decides.
      if (!heading || /[#\t]/.test(heading[2]) || !heading[2].trim()) return undefined;
      close();
      builder.heading(heading[1].length, first + index, rendered(heading[2].trim()));
    } else {
      const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
      if (!letter) {
        BLOCK_START.lastIndex = from;
        if (BLOCK_START.test(body)) return undefined;
      }
      if (pipe >= 0 && pipe < from) pipe = body.indexOf('|', from);
      if (pipe >= 0 && pipe < to) return undefined;
      if (start < 0) {
        start = from;
        paragraphLine = first + index;
        field = false;
      }
      if (!field && FIELD_FIRST.test(body[from])) {
        FIELD_KEY.lastIndex = from;
        field = FIELD_KEY.test(body);
      }
      end = to;
    }
    if (to === body.length) break;
    from = to + 1;
  }
  close();
  return builder.result;
}

/** True when `text` holds only spaces and tabs from `from` to `to`. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** The outline of a file: by the scanner when the body is simple, else from markdown-it's tokens. */
export function outlineOf(source: Source): Outline {
  if (fastPaths.enabled) {
    const simple = simpleOutline(source.text.slice(source.bodyStart), source.bodyLine);
    if (simple) return simple;
  }
  return outline(source.tokens);
}

/** The headings of a Markdown file, from the same parse the index uses (outlines, document symbols). */
export function headingsOf(text: string): Heading[] {
  return outlineOf(readSource(text)).headings;
}
