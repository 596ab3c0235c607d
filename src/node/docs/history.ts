// Git evidence for the documentation duty, for the WHOLE repository in a fixed number of git calls
// (never one per doc): `rev-parse`, one streamed `git log --name-only` (last changes and drift
// counts) and one `git log -M --name-status --diff-filter=RD` since the oldest doc's last change
// (renames and deletions). Git runs through ../git.ts (argument arrays, hardened, a timeout).
import { createInterface } from 'node:readline';
import { DriftCounter, type HistoryEvidence, RenameIndex } from '../../core/docs/history';
import { gitOrUndefined, LOG_HARDENING, spawnGit } from '../git';

/** Paths taken literally: a folder named `[draft]` or `*` is not a glob. */
const LITERAL = ['--literal-pathspecs'];

export interface DocsHistory {
  history: HistoryEvidence;
  renames: RenameIndex;
  /** The evidence asked for with `HistoryOptions.without`, from the same log. */
  without?: HistoryEvidence;
}

/** A second view of the same history: some docs, as if the commits in `ignore` had not touched them. */
export interface HistoryWithout {
  docs: ReadonlySet<string>;
  refs: ReadonlyMap<string, readonly string[]>;
  ignore: ReadonlySet<string>;
}

export interface HistoryOptions {
  /** At most this many commits are read for drift (counts are lower bounds past it). */
  maxCommits?: number;
  gitPath?: string;
  /** Also count drift for these docs without these commits (no extra git call). */
  without?: HistoryWithout;
}

function run(root: string, args: string[], gitPath: string | undefined): Promise<string | undefined> {
  return gitOrUndefined([...LITERAL, ...args], root, { gitPath, maxBuffer: 256 * 1024 * 1024 });
}

/**
 * The top level of the work tree containing `dir` and whether its history is shallow (a CI clone of
 * depth 1: ages, drift and renames from it would be wrong), in one call; undefined without git.
 */
export async function gitRepository(
  dir: string,
  gitPath?: string,
): Promise<{ top: string; shallow: boolean } | undefined> {
  const [top, shallow] = (await run(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository'], gitPath))?.split(
    '\n',
  ) ?? [''];
  return top ? { top, shallow: shallow === 'true' } : undefined;
}

/** The top level of the work tree containing `dir`, or undefined (no git, not a repository). */
export async function gitTopLevel(dir: string, gitPath?: string): Promise<string | undefined> {
  return (await gitRepository(dir, gitPath))?.top;
}

/**
 * Streams `git log --name-only` newest first into the drift counters, stopping as soon as every doc's
 * own last commit has been seen (older commits cannot change a count) or at `maxCommits`.
 */
function streamDrift(
  root: string,
  counters: readonly DriftCounter[],
  maxCommits: number,
  gitPath: string | undefined,
): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawnGit(
      [...LITERAL, 'log', ...LOG_HARDENING, `-n${maxCommits}`, '--format=%x1e%ct %H', '--name-only', '--no-renames'],
      root,
      { gitPath },
    );
    child.stdin.end();
    let time: number | undefined;
    let sha = '';
    let files: string[] = [];
    let commits = 0;
    let stopped = false;
    const flush = (): void => {
      if (time !== undefined) for (const each of counters) each.commit(time, files, sha);
      files = [];
    };
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (stopped) return;
      if (line.startsWith('\x1e')) {
        flush();
        commits++;
        const space = line.indexOf(' ');
        time = Number(line.slice(1, space < 0 ? undefined : space)) * 1000;
        sha = space < 0 ? '' : line.slice(space + 1);
        if (counters.every((each) => each.done)) {
          stopped = true;
          time = undefined;
          child.kill();
        }
      } else if (line) files.push(line);
    });
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      if (!stopped) flush();
      resolve(stopped || code === 0 || commits > 0);
    });
    lines.on('close', () => {
      if (!stopped && commits >= maxCommits) for (const each of counters) each.evidence.truncated = true;
    });
  });
}

/** Parses `git log --name-status --format=%x1e%ct` output into renames and deletions, oldest first. */
export function parseRenames(out: string): RenameIndex {
  const index = new RenameIndex();
  const commits = out.split('\x1e').slice(1).reverse();
  for (const commit of commits) {
    for (const line of commit.split('\n').slice(1)) {
      const parts = line.split('\t');
      if (parts[0]?.startsWith('R') && parts.length >= 3) index.rename(parts[1], parts[2]);
      else if (parts[0] === 'D' && parts.length >= 2) index.delete(parts[1]);
    }
  }
  return index;
}

/**
 * The history evidence for `docs` (repository-relative) naming `refs` (per doc, existing paths),
 * in the repository at `root` (its top level). Undefined when git cannot read the history.
 */
export async function readDocsHistory(
  root: string,
  docs: ReadonlySet<string>,
  refs: ReadonlyMap<string, readonly string[]>,
  options: HistoryOptions = {},
): Promise<DocsHistory | undefined> {
  const { gitPath } = options;
  const counter = new DriftCounter(docs, refs);
  const without = options.without
    ? new DriftCounter(options.without.docs, options.without.refs, options.without.ignore)
    : undefined;
  const ok = await streamDrift(root, without ? [counter, without] : [counter], options.maxCommits ?? 100_000, gitPath);
  if (!ok) return undefined;
  const history = counter.evidence;
  let oldest = Number.POSITIVE_INFINITY;
  for (const time of history.lastChange.values()) oldest = Math.min(oldest, time);
  for (const time of without?.evidence.lastChange.values() ?? []) oldest = Math.min(oldest, time);
  const since = Number.isFinite(oldest) ? [`--since=${new Date(oldest).toISOString()}`] : [];
  const out = await run(
    root,
    ['log', ...LOG_HARDENING, '-M', '--name-status', '--diff-filter=RD', '--format=%x1e%ct', ...since],
    gitPath,
  );
  return { history, renames: parseRenames(out ?? ''), without: without?.evidence };
}
