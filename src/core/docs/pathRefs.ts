/**
 * Repository paths named in a document: relative Markdown links (`[tax](../src/billing/tax.ts)`)
 * and inline-code tokens with a `/` (`scripts/deploy.sh`). Inline code is only a *candidate*: it
 * counts as a path when git says it is, or once was, tracked (`make migrate` never is). Fenced and
 * indented code blocks and front matter are skipped: commands and samples are not references.
 */
import { type DocsFileSystem, DEFAULT_MAX_FILE_BYTES } from './discovery';
import { dirname, joinPath, normalizePath, relativePath } from './paths';

export interface PathRef {
  /** 0-based line of the reference. */
  line: number;
  /** 0-based column range [start, end) of the written target on that line. */
  start: number;
  end: number;
  /** As written (without `#fragment` or `:line` suffix). */
  written: string;
  /** Repository-relative path ('/'-separated, no leading slash); a trailing '/' marks a folder. */
  path: string;
  kind: 'link' | 'code';
}

/** Longest token considered (longer inline code is prose or a command line, not a path). */
const MAX_TOKEN = 300;
const CODE_TOKEN = /^[A-Za-z0-9_.@+~-][A-Za-z0-9_.@+~/-]*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every path reference in `text`, a document at `docPath` (repository-relative). At most
 * `maxRefs` are returned (a hostile file cannot make the caller do unbounded work).
 */
export function extractPathRefs(text: string, docPath: string, maxRefs = 500): PathRef[] {
  const refs: PathRef[] = [];
  const lines = text.split(/\r?\n/);
  const docDir = dirname(docPath) === '.' ? '' : dirname(docPath);
  let fence: string | undefined;
  let start = 0;
  if (lines[0]?.replace(/^\uFEFF/, '').trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close > 0) start = close + 1;
  }
  for (let i = start; i < lines.length && refs.length < maxRefs; i++) {
    const line = lines[i];
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    if (/^( {4}|\t)/.test(line) && (i === start || lines[i - 1].trim() === '')) continue;
    scanLine(line, i, docDir, refs, maxRefs);
  }
  return refs;
}

function scanLine(line: string, lineNo: number, docDir: string, refs: PathRef[], maxRefs: number): void {
  // Inline code spans first; links inside them are not links.
  const codeRanges: [number, number][] = [];
  const code = /(`+)([^`]+?)\1(?!`)/g;
  for (let m = code.exec(line); m; m = code.exec(line)) {
    codeRanges.push([m.index, m.index + m[0].length]);
    const raw = m[2].trim();
    const token = raw.replace(/(?::\d+(?::\d+)?|#L\d+(?:-L?\d+)?)$/, '');
    if (token.length === 0 || token.length > MAX_TOKEN || !token.includes('/') || !CODE_TOKEN.test(token)) continue;
    if (token.startsWith('//') || SCHEME.test(token) || /^\.+\/?$/.test(token)) continue;
    const path = toRepoPath(token.replace(/^\.\//, ''), '');
    if (path === undefined) continue;
    const offset = m.index + m[1].length + m[2].indexOf(raw);
    if (refs.length >= maxRefs) return;
    refs.push({ line: lineNo, start: offset, end: offset + token.length, written: token, path, kind: 'code' });
  }
  const link = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
  for (let m = link.exec(line); m; m = link.exec(line)) {
    if (codeRanges.some(([a, b]) => m.index >= a && m.index < b)) continue;
    const target = m[1];
    if (SCHEME.test(target) || target.startsWith('#') || target.startsWith('//')) continue;
    let written = target.replace(/[?#].*$/, '');
    try {
      written = decodeURIComponent(written);
    } catch {
      // A malformed escape is kept as written.
    }
    if (!written || written.length > MAX_TOKEN) continue;
    const path = written.startsWith('/') ? toRepoPath(written.slice(1), '') : toRepoPath(written, docDir);
    if (path === undefined) continue;
    const offset = m.index + m[0].indexOf(target);
    if (refs.length >= maxRefs) return;
    refs.push({
      line: lineNo,
      start: offset,
      end: offset + target.replace(/[?#].*$/, '').length,
      written,
      path,
      kind: 'link',
    });
  }
}

/** `written` resolved against `dir` inside the repository; undefined when it leaves the repository. */
function toRepoPath(written: string, dir: string): string | undefined {
  const folder = written.endsWith('/');
  const joined = normalizePath(dir ? joinPath(dir, written) : written);
  if (joined === '.' || joined.startsWith('..') || joined.startsWith('/')) return undefined;
  return folder ? `${joined}/` : joined;
}

/**
 * Path references of each doc (absolute paths) read through `fs`, resolved against the repository
 * `root`. Files over `maxBytes`, binary or unreadable files have none (the index reports them).
 */
export async function readPathRefs(
  fs: DocsFileSystem,
  root: string,
  docs: readonly string[],
  maxBytes = DEFAULT_MAX_FILE_BYTES,
): Promise<Map<string, PathRef[]>> {
  const out = new Map<string, PathRef[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < docs.length) {
      const doc = docs[next++];
      try {
        const read = await fs.readText(doc, maxBytes, root);
        const text = typeof read === 'string' ? read : read && 'text' in read ? read.text : undefined;
        if (text === undefined || text.slice(0, 8000).includes('\u0000')) continue;
        const refs = extractPathRefs(text, relativePath(root, doc));
        if (refs.length > 0) out.set(doc, refs);
      } catch {
        // Unreadable: the index already says so.
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

/**
 * The text that replaces a reference to `ref.path` so it names `renamedTo` instead, in the style it
 * was written: inline code from the root, a link relative to the doc (or from the root with '/').
 */
export function replacementFor(ref: PathRef, renamedTo: string, docPath: string): string {
  if (ref.kind === 'code') return renamedTo;
  if (ref.written.startsWith('/')) return `/${renamedTo}`;
  const dir = dirname(docPath) === '.' ? '' : dirname(docPath);
  const folder = renamedTo.endsWith('/');
  const rel = dir ? relativePath(dir, renamedTo) : normalizePath(renamedTo);
  return folder && !rel.endsWith('/') ? `${rel}/` : rel;
}
