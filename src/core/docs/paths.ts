/** '/'-separated path helpers: core code cannot import node:path, and URI paths use '/' anyway. */

/** Joins and normalizes ('.', '..', duplicate slashes). An absolute `part` replaces what came before. */
export function joinPath(...parts: string[]): string {
  let joined = '';
  for (const part of parts) {
    if (part.startsWith('/')) joined = part;
    else if (part) joined = joined ? `${joined}/${part}` : part;
  }
  return normalizePath(joined);
}

/** No duplicate or trailing slash and no `.` or `..` segment: what a path built from a listing is. */
const isNormal = (path: string): boolean => path.length > 1 && !/\/\/|\/$|(?:^|\/)\.{1,2}(?:\/|$)/.test(path);

export function normalizePath(path: string): string {
  // Already normal (the common case: paths built from a listing): no split and join.
  if (isNormal(path)) return path;
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(segment);
  }
  const body = out.join('/');
  return absolute ? `/${body}` : body || '.';
}

export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  if (index < 0) return '.';
  if (index === 0) return '/';
  return path.slice(0, index);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `to` relative to the folder `from`, '/'-separated ("../b/c.md"). */
export function relativePath(from: string, to: string): string {
  // `to` inside `from`, both normal (every file of an index against its root): a slice.
  if (to.charCodeAt(from.length) === 0x2f && to.startsWith(from) && isNormal(from) && isNormal(to)) {
    return to.slice(from.length + 1);
  }
  const a = normalizePath(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const up = a.slice(common).map(() => '..');
  const rel = [...up, ...b.slice(common)].join('/');
  return rel || '.';
}

/** True when `path` is `folder` or inside it. */
export function isInside(folder: string, path: string): boolean {
  const f = folder.endsWith('/') ? folder : `${folder}/`;
  return path === folder || path.startsWith(f);
}

/** A compiled glob: `test` tells whether a '/'-separated relative path matches it. */
export interface GlobMatcher {
  test(path: string): boolean;
}

/** At most this many alternatives from `{a,b}` groups; a glob that has more matches nothing. */
const MAX_ALTERNATIVES = 256;

/** `a/{b,c}/*.{md,txt}` → its four alternatives without braces; an unclosed `{` is a character. */
function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  const close = open < 0 ? -1 : glob.indexOf('}', open);
  if (close < 0) return [glob];
  const head = glob.slice(0, open);
  const options = glob.slice(open + 1, close).split(',');
  const tails = expandBraces(glob.slice(close + 1));
  const out: string[] = [];
  for (const option of options) {
    for (const tail of tails) {
      if (out.length === MAX_ALTERNATIVES) return [];
      out.push(head + option + tail);
    }
  }
  return out;
}

/** One step of a glob without braces: a character, `?`, `*` (in a segment), `**` or `**` + `/`. */
type Token = string | typeof ANY1 | typeof STAR | typeof GLOBSTAR | typeof GLOBSTAR_SLASH;
const ANY1 = 1;
const STAR = 2;
const GLOBSTAR = 3;
const GLOBSTAR_SLASH = 4;

const isStar = (token: Token): boolean => token === STAR || token === GLOBSTAR || token === GLOBSTAR_SLASH;

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      tokens.push(slashAfter ? GLOBSTAR_SLASH : GLOBSTAR);
      i += slashAfter ? 2 : 1;
    } else tokens.push(c === '*' ? STAR : c === '?' ? ANY1 : c);
  }
  return tokens;
}

/** The tokens as a regular expression's source (`**` + `/` is zero or more folders). */
function regExpSource(tokens: readonly Token[]): string {
  const parts = tokens.map((token) =>
    token === ANY1
      ? '[^/]'
      : token === STAR
        ? '[^/]*'
        : token === GLOBSTAR
          ? '.*'
          : token === GLOBSTAR_SLASH
            ? '(?:.*/)?'
            : token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
  );
  return `^${parts.join('')}$`;
}

/**
 * Whether `path` matches `tokens`, by running the glob as an automaton over the path: time is the
 * path's length times the glob's, whatever the glob (a backtracking regular expression takes time
 * exponential in the number of stars: `**a**a**a…` against a long name never ends).
 */
function runGlob(tokens: readonly Token[], path: string): boolean {
  const n = tokens.length;
  // State i (0…n): before token i. State n + 1 + i: inside a `**` + `/` at token i, something read.
  let current = new Uint8Array(2 * n + 1);
  let next = new Uint8Array(2 * n + 1);
  // A star may match nothing: the state after it is reached too (in order, so runs of stars chain).
  const skipStars = (states: Uint8Array) => {
    for (let i = 0; i < n; i++) if (states[i] && isStar(tokens[i])) states[i + 1] = 1;
  };
  current[0] = 1;
  skipStars(current);
  for (let k = 0; k < path.length; k++) {
    const c = path[k];
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const token = tokens[i];
      if (current[n + 1 + i] || (current[i] && token === GLOBSTAR_SLASH)) {
        // Folders: anything, and a '/' may end them.
        next[n + 1 + i] = 1;
        if (c === '/') next[i + 1] = 1;
      }
      if (!current[i]) continue;
      if (token === GLOBSTAR) next[i] = 1;
      else if (token === STAR) {
        if (c !== '/') next[i] = 1;
      } else if (token === ANY1) {
        if (c !== '/') next[i + 1] = 1;
      } else if (token === c) next[i + 1] = 1;
    }
    if (!next.includes(1)) return false;
    skipStars(next);
    const read = current;
    current = next;
    next = read;
  }
  return current[n] === 1;
}

/**
 * A glob for '/'-separated relative paths: `**`, `*`, `?`, `{a,b}` (`ignoreCase` for guide globs).
 * Globs come from repositories' settings: one with at most one star is a regular expression (it
 * cannot backtrack far), one with more runs as an automaton, in time linear in the path.
 */
export function globMatcher(glob: string, ignoreCase = false): GlobMatcher {
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const alternatives = expandBraces(fold(glob)).map(tokenize);
  const stars = (tokens: Token[]) => tokens.filter(isStar).length;
  if (alternatives.every((tokens) => stars(tokens) <= 1)) {
    // 's': `**` matches any character, as the automaton does.
    const re = new RegExp(alternatives.map((tokens) => `(?:${regExpSource(tokens)})`).join('|') || '(?!)', 's');
    return { test: (path) => re.test(fold(path)) };
  }
  return { test: (path) => alternatives.some((tokens) => runGlob(tokens, fold(path))) };
}

/**
 * A glob written relative to a folder, made relative to its subfolder `prefix` ('/'-separated, ''
 * for the folder itself): `source/pages/*.md` seen from `source` is `pages/*.md`; a `**` segment matches
 * at any depth. Undefined when the glob cannot match anything in the subfolder.
 */
export function rebaseGlob(glob: string, prefix: string): string | undefined {
  const parts = glob
    .trim()
    .replace(/^(?:\.\/)+/, '')
    .split('/');
  for (const folder of prefix.split('/').filter(Boolean)) {
    if (parts.length < 2) return undefined;
    if (parts[0] === '**') return parts.join('/');
    if (!globMatcher(parts[0]).test(folder)) return undefined;
    parts.shift();
  }
  return parts.join('/');
}
