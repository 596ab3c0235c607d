import MarkdownIt from 'markdown-it';
import type { StateInline, Token } from 'markdown-it';
import { readFrontMatter } from './frontMatter';
import { type Source, lineStartsOf } from './sourceText';

export { MAX_FRONT_MATTER_BYTES, frontMatterClose } from './frontMatter';
export {
  type FrontMatter,
  type FrontMatterField,
  type Source,
  type SourceNote,
  fastPaths,
  lineAt,
  lineText,
} from './sourceText';

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
