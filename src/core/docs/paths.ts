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

/** Minimal glob → RegExp: `**`, `*`, `?`, `{a,b}`; matched against '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        re += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
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
    if (!globToRegExp(parts[0]).test(folder)) return undefined;
    parts.shift();
  }
  return parts.join('/');
}
