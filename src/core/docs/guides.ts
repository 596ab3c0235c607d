/**
 * Onboarding and operating guides: the third kind of documentation, beside decisions and runbooks.
 * Guides are the root README and CONTRIBUTING, ONBOARDING.md, `docs/onboarding/**`,
 * `docs/getting-started*`, `docs/setup*` and `cadence.docs.guideGlobs` — not every README.
 */
import type { DocsFileSystem } from './discovery';
import { globMatcher, joinPath } from './paths';

/** The built-in guide globs, relative to a root (matched case-insensitively). */
export const DEFAULT_GUIDE_GLOBS = [
  'README.md',
  'CONTRIBUTING.md',
  'ONBOARDING.md',
  'docs/onboarding/**/*.md',
  'docs/getting-started*.md',
  'docs/getting-started*/**/*.md',
  'docs/setup*.md',
  'docs/setup*/**/*.md',
];

export interface Guide {
  /** Absolute '/'-separated path. */
  path: string;
  /** Path relative to the root. */
  relative: string;
  title: string;
}

export interface GuideOptions {
  /** Extra globs relative to the root (`cadence.docs.guideGlobs`). */
  guideGlobs?: string[];
  /** Folders never entered (besides dot-folders and node_modules). */
  excludeNames?: string[];
  /** At most this many guides (a hostile repository cannot make the walk unbounded). */
  maxGuides?: number;
  maxDepth?: number;
}

/** A matcher for guide paths relative to a root. */
export function guideMatcher(extraGlobs: string[] = []): (relative: string) => boolean {
  const patterns = [...DEFAULT_GUIDE_GLOBS, ...extraGlobs].map((g) => globMatcher(g, true));
  return (relative) => patterns.some((p) => p.test(relative));
}

/** The literal folder a glob starts in ("docs/onboarding" for "docs/onboarding/**"), '' for the root. */
function literalPrefix(glob: string): string {
  const parts = glob.split('/');
  const literal: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?{[]/.test(part)) break;
    literal.push(part);
  }
  return literal.join('/');
}

/**
 * The guides under `root`. Only the folders the globs can match are listed (the root itself, `docs/`,
 * and the literal prefix of each configured glob), so finding guides never walks the whole tree.
 */
export async function findGuides(fs: DocsFileSystem, root: string, options: GuideOptions = {}): Promise<Guide[]> {
  const extra = options.guideGlobs ?? [];
  const matches = guideMatcher(extra);
  const globs = [...DEFAULT_GUIDE_GLOBS, ...extra];
  const maxGuides = options.maxGuides ?? 2000;
  const maxDepth = options.maxDepth ?? 8;
  const excluded = new Set(['node_modules', ...(options.excludeNames ?? [])]);
  const starts = new Set(['', ...[...DEFAULT_GUIDE_GLOBS, ...extra].map(literalPrefix)]);
  const found = new Map<string, Guide>();
  const seen = new Set<string>();
  const walk = async (relative: string, depth: number, recurse: boolean): Promise<void> => {
    if (seen.has(relative) || found.size >= maxGuides) return;
    seen.add(relative);
    let entries: [string, string][];
    try {
      entries = await fs.readDirectory(relative ? joinPath(root, relative) : root);
    } catch {
      return; // a folder that is not there has no guides; discovery reports unreadable folders
    }
    for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
      const rel = relative ? `${relative}/${name}` : name;
      if (type === 'file' && /\.(md|markdown)$/i.test(name) && matches(rel) && found.size < maxGuides) {
        found.set(rel, { path: joinPath(root, rel), relative: rel, title: titleOf(rel) });
      } else if (
        type === 'directory' &&
        recurse &&
        depth < maxDepth &&
        !name.startsWith('.') &&
        !excluded.has(name) &&
        globs.some((g) => couldContain(g, rel))
      ) {
        await walk(rel, depth + 1, true);
      }
    }
  };
  for (const start of starts) await walk(start, start ? start.split('/').length : 0, start !== '');
  return [...found.values()].sort((a, b) => a.relative.localeCompare(b.relative));
}

/** True when `glob` can match a file somewhere under the folder `relDir`. */
function couldContain(glob: string, relDir: string): boolean {
  const globParts = glob.split('/');
  const dirParts = relDir.split('/');
  for (let i = 0; i < dirParts.length; i++) {
    const part = globParts[i];
    if (part === undefined || i === globParts.length - 1) return false;
    if (part === '**') return true;
    if (!globMatcher(part, true).test(dirParts[i])) return false;
  }
  return true;
}

function titleOf(relative: string): string {
  const name = relative.slice(relative.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
  return relative.includes('/') ? `${relative.slice(0, relative.lastIndexOf('/'))}/${name}` : name;
}
