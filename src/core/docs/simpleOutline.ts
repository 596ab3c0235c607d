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
/** Whitespace other than space and tab (NBSP, …): markdown-it and JavaScript trim them differently. */
const OTHER_SPACE = /[^\S \t]/;

/** Plain text rendered as markdown-it does: one line per source line, trailing spaces dropped. */
function plainLines(content: string): ReturnType<typeof inlineLines> {
  return content.split('\n').map((text) => ({ text: text.replace(/ +$/, ''), hrefs: [] }));
}

function rendered(content: string): () => ReturnType<typeof inlineLines> {
  return INLINE.test(content) ? () => inlineLines(parseInline(content)) : () => plainLines(content);
}

/**
 * The outline of `lines` (the body's lines, `first` the 0-based file line of the first one, line
 * breaks and CRs removed), or undefined when the body is not that simple.
 */
export function simpleOutline(lines: readonly string[], first: number): Outline | undefined {
  const builder = new OutlineBuilder();
  let paragraph: string[] = [];
  let paragraphLine = 0;
  const close = (): void => {
    if (paragraph.length === 0) return;
    const content = paragraph.join('\n').trim();
    builder.block(content, paragraphLine, false, rendered(content));
    paragraph = [];
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (OTHER_SPACE.test(line)) return undefined;
    if (/^[ \t]*$/.test(line)) {
      close();
      continue;
    }
    if (line.startsWith('#')) {
      const heading = HEADING.exec(line);
      // A closing sequence ("# Title #"), a tab or an empty heading: markdown-it decides.
      if (!heading || /[#\t]/.test(heading[2]) || !heading[2].trim()) return undefined;
      close();
      const text = heading[2].trim();
      builder.heading(heading[1].length, first + index, rendered(text)());
      continue;
    }
    if (BLOCK_START.test(line) || line.includes('|')) return undefined;
    if (paragraph.length === 0) paragraphLine = first + index;
    paragraph.push(line);
  }
  close();
  return builder.result;
}

/** The outline of a file: by the scanner when the body is simple, else from markdown-it's tokens. */
export function outlineOf(source: Source): Outline {
  if (fastPaths.enabled) {
    const body = source.text.slice(source.bodyStart);
    // markdown-it reads a lone CR as a line break and NUL as U+FFFD: leave those files to it.
    if (!/\0|\r(?!\n)/.test(body)) {
      const simple = simpleOutline(body.split(/\r?\n/), source.bodyLine);
      if (simple) return simple;
    }
  }
  return outline(source.tokens);
}

/** The headings of a Markdown file, from the same parse the index uses (outlines, document symbols). */
export function headingsOf(text: string): Heading[] {
  return outlineOf(readSource(text)).headings;
}
