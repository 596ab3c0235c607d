/**
 * The fast path for Markdown: a record made of ATX headings (`# Title`) and paragraphs that start
 * at the left margin is outlined by a line scanner, without markdown-it's block parse. Any line
 * that could start another kind of block (lists, quotes, code, tables, HTML, setext underlines,
 * link definitions, indentation) sends the whole file to markdown-it. Inline text is rendered by
 * markdown-it's inline parser unless it has no character an inline rule reacts to.
 * test/unit/docs/fastPaths.test.ts checks both paths agree.
 */
import { type Heading, type Outline, OutlineBuilder, inlineLines, outline } from './outline';
import { type Source, fastPaths, parseInline, readSource } from './source';

/** First characters of a line that may open a block other than a paragraph or an ATX heading. */
const BLOCK_START = /^(?:[ \t>*+\-_=|<`~[:]|\d{1,9}[.)])/;
/** Characters an inline rule of markdown-it reacts to (escapes, code, emphasis, links, HTML, entities). */
const INLINE = /[\\`*_~[\]!<&]/;
const HEADING = /^(#{1,6}) +(.*)$/;
/**
 * What markdown-it reads differently from a line scanner: NUL (read as U+FFFD), a lone CR (a line
 * break), and white space other than space, tab and line feed (NBSP, …: markdown-it and JavaScript
 * trim it differently). One character class, so one fast pass over the body.
 */
const NOT_SIMPLE = /[\0\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|\r(?!\n)/;

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
export function simpleOutline(body: string, first: number): Outline | undefined {
  if (NOT_SIMPLE.test(body)) return undefined;
  const lines = body.split('\n');
  if (body.includes('\r')) for (let i = 0; i < lines.length; i++) lines[i] = lines[i].replace(/\r$/, '');
  const builder = new OutlineBuilder();
  let paragraph: string[] = [];
  let paragraphLine = 0;
  const close = (): void => {
    if (paragraph.length === 0) return;
    const content = paragraph.join('\n').trim();
    builder.block(content, paragraphLine, false, () => rendered(content));
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const c = line.charCodeAt(0);
    if (line.length === 0 || ((c === 0x20 || c === 0x09) && /^[ \t]*$/.test(line))) {
      close();
      continue;
    }
    if (c === 0x23 /* # */) {
      const heading = HEADING.exec(line);
      // A closing sequence ("# Title #"), a tab or an empty heading: markdown-it decides.
      if (!heading || /[#\t]/.test(heading[2]) || !heading[2].trim()) return undefined;
      close();
      const text = heading[2].trim();
      builder.heading(heading[1].length, first + index, rendered(text));
      continue;
    }
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if ((!letter && BLOCK_START.test(line)) || line.includes('|')) return undefined;
    if (paragraph.length === 0) paragraphLine = first + index;
    paragraph.push(line);
  }
  close();
  return builder.result;
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
