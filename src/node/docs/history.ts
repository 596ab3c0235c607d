// Git evidence for the documentation duty, for the WHOLE repository in a fixed number of git calls
// (never one per doc): `rev-parse`, one streamed `git log --name-only` (last changes and drift
// counts) and one `git log -M --name-status --diff-filter=RD` since the oldest doc's last change
// (renames and deletions). Always execFile/spawn with argument arrays, never a shell.
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DriftCounter, type HistoryEvidence, RenameIndex } from '../../core/docs/history';
import { CONFIG_OVERRIDES, LOG_HARDENING, gitEnv } from '../weekly/exec';

/** Settings that keep a hostile repository's config from running programs or changing the output. */
const HARDENING = [...CONFIG_OVERRIDES, '-c', 'core.fsmonitor=false', '-c', 'diff.external=', '--literal-pathspecs'];

export interface DocsHistory {
  history: HistoryEvidence;
  renames: RenameIndex;
}

export interface HistoryOptions {
  /** At most this many commits are read for drift (counts are lower bounds past it). */
  maxCommits?: number;
  gitPath?: string;
}

function run(root: string, args: string[], gitPath: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      gitPath,
      [...HARDENING, ...args],
      { cwd: root, env: gitEnv(), maxBuffer: 256 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout),
    );
  });
}

/** The top level of the work tree containing `dir`, or undefined (no git, not a repository). */
export async function gitTopLevel(dir: string, gitPath = 'git'): Promise<string | undefined> {
  return (await run(dir, ['rev-parse', '--show-toplevel'], gitPath))?.split('\n')[0] || undefined;
}

/**
 * Streams `git log --name-only` newest first into the drift counter, stopping as soon as every doc's
 * own last commit has been seen (older commits cannot change a count) or at `maxCommits`.
 */
function streamDrift(root: string, counter: DriftCounter, maxCommits: number, gitPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(
      gitPath,
      [...HARDENING, 'log', ...LOG_HARDENING, `-n${maxCommits}`, '--format=%x1e%ct', '--name-only', '--no-renames'],
      { cwd: root, env: gitEnv(), windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    let time: number | undefined;
    let files: string[] = [];
    let commits = 0;
    let stopped = false;
    const flush = (): void => {
      if (time !== undefined) counter.commit(time, files);
      files = [];
    };
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => {
      if (stopped) return;
      if (line.startsWith('\x1e')) {
        flush();
        commits++;
        time = Number(line.slice(1)) * 1000;
        if (counter.done) {
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
    counter.evidence.truncated = false;
    lines.on('close', () => {
      if (!stopped && commits >= maxCommits) counter.evidence.truncated = true;
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
  const gitPath = options.gitPath ?? 'git';
  const counter = new DriftCounter(docs, refs);
  const ok = await streamDrift(root, counter, options.maxCommits ?? 100_000, gitPath);
  if (!ok) return undefined;
  const history = counter.evidence;
  let oldest = Number.POSITIVE_INFINITY;
  for (const time of history.lastChange.values()) oldest = Math.min(oldest, time);
  const since = Number.isFinite(oldest) ? [`--since=${new Date(oldest).toISOString()}`] : [];
  const out = await run(
    root,
    ['log', ...LOG_HARDENING, '--no-textconv', '-M', '--name-status', '--diff-filter=RD', '--format=%x1e%ct', ...since],
    gitPath,
  );
  return { history, renames: parseRenames(out ?? '') };
}
