// How deeply JSON or JSONC text nests, found by a linear scan before any parser sees it. Recursive
// parsers (jsonc-parser's) overflow the stack on a few thousand `[`, and a repository commits the
// text: files it may hold (`.vscode/settings.json`, `adr.config.json`) are refused past a depth
// instead of parsed. Strings and comments (`//`, `/* */`) are skipped, so brackets inside them do
// not count.

/** The nesting a repository's JSON may use: settings and config files are a few levels deep. */
export const MAX_JSON_DEPTH = 64;

/** The offset of the first `[`/`{` nested deeper than `maxDepth`, or undefined. */
export function jsonTooDeep(text: string, maxDepth: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      // To the closing quote; a backslash escapes the next character. An unclosed string ends the scan.
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
