// The one way Cadence runs git: execFile/spawn with argument arrays (never a shell), a fixed
// environment, hardening flags, a timeout, and one error type whose message is the line a user sees.
//
// A repository is untrusted input: its own .git/config may name programs for git to run
// (core.fsmonitor, filter.<x>.clean/smudge/process, diff.<x>.textconv/command, diff.external,
// core.pager, hooks). Nothing Cadence asks git must run any of them:
//  - every call: no pager, no fsmonitor, no hooks, no external diff, no optional locks (so no
//    index refresh is written and no post-index-change hook can fire);
//  - every `git log`: `--no-ext-diff --no-textconv` (LOG_HARDENING), so `-p` runs no driver;
//  - `git status` cleans changed files through the repository's filters: callers pass
//    `filterOverrides(...)` (every configured filter emptied) — see node/weekly/git.ts.
// Aliases need nothing: git never lets an alias shadow a built-in command, and we run only those.
// `safe.directory` is left to git: a repository owned by another user is refused, and the refusal
// becomes one line telling the user how to trust it.
import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

export type GitErrorKind = 'git-missing' | 'not-a-repo' | 'git-failed' | 'timeout';

/** A failure the user can act on; `message` is the one line to show. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: GitErrorKind,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  /** Path of the git executable; defaults to the one set by `useGitPath` (VS Code's), else "git". */
  gitPath?: string;
  signal?: AbortSignal;
  /** Milliseconds before git is stopped (default 120 s); a stopped git rejects with kind 'timeout'. */
  timeoutMs?: number;
  /** Extra `-c key=value` pairs for this call (e.g. `filterOverrides`). */
  config?: readonly string[];
  /** Written to git's stdin. */
  input?: string;
  maxBuffer?: number;
  /** Also called with each chunk of stdout as it arrives (to parse while git runs). */
  onStdout?: (chunk: Buffer) => void;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_BUFFER = 512 * 1024 * 1024;

let configuredGitPath: () => string | undefined = () => undefined;
/** How a user makes git found, said when it is not: from a terminal by default (the CLI). */
let missingGitFix = 'install git or put it on PATH';

/**
 * Where git is when nobody passes `gitPath`: the extension points this at VS Code's git (the git
 * extension's path or the `git.path` setting) and says `fix` when it is missing; the CLI and the
 * language server use "git" on PATH.
 */
export function useGitPath(path: () => string | undefined, fix = 'install git or set git.path'): void {
  configuredGitPath = path;
  missingGitFix = fix;
}

function gitPathOf(options: GitOptions): string {
  return options.gitPath || configuredGitPath() || 'git';
}

/**
 * Global options for every git we run. The `-c` values after the hardening keep user config from
 * changing what we parse: a signature block, colour codes, decorations or quoted paths would
 * break the parsers.
 */
export const HARDENING: readonly string[] = [
  '--no-pager',
  '--no-optional-locks',
  ...['core.fsmonitor=false', 'core.hooksPath=/dev/null', 'core.pager=cat', 'diff.external='].flatMap((c) => ['-c', c]),
  ...['log.showSignature=false', 'color.ui=never', 'log.decorate=false', 'core.quotePath=false'].flatMap((c) => [
    '-c',
    c,
  ]),
  // No mailmap read by git unless a format asks for it (`%aE`): git reads `.mailmap` for every
  // `git log` by default, and a FIFO there (or `mailmap.file=/dev/zero` in the repository's config)
  // would never end. Cadence reads `.mailmap` itself, as a bounded regular file.
  ...['log.mailmap=false', 'mailmap.file=', 'mailmap.blob='].flatMap((c) => ['-c', c]),
];

/** Explicit flags for every `git log`: no signature, colour, decoration, diff driver or textconv. */
export const LOG_HARDENING: readonly string[] = [
  '--no-show-signature',
  '--no-color',
  '--no-decorate',
  '--no-ext-diff',
  '--no-textconv',
  '--encoding=UTF-8',
];

/**
 * `-c` pairs that empty every filter driver named in `git config -z --get-regexp` output (keys like
 * `filter.lfs.clean`), so `git status` compares raw bytes instead of running the repository's
 * programs. A racily-clean file under a filter may then count as changed; nothing runs.
 */
export function filterOverrides(configZ: string): string[] {
  const names = new Set<string>();
  for (const entry of configZ.split('\0')) {
    const key = entry.split('\n', 1)[0] ?? '';
    const match = /^filter\.(.+)\.[^.]+$/i.exec(key);
    if (match) names.add(match[1]!);
  }
  return [...names].flatMap((name) =>
    ['clean=', 'smudge=', 'process=', 'required=false'].flatMap((c) => ['-c', `filter.${name}.${c}`]),
  );
}

let cachedEnv: NodeJS.ProcessEnv | undefined;
/** The environment for git: no pager, no prompts, no locks, English messages, no inherited repository. */
export function gitEnv(): NodeJS.ProcessEnv {
  // Built once: copying the environment for every call shows up in profiles.
  if (!cachedEnv) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_PAGER: 'cat',
      PAGER: 'cat',
      GIT_TERMINAL_PROMPT: '0',
      GIT_OPTIONAL_LOCKS: '0',
      // Into a pipe git flushes after every commit: a thousand tiny writes, each a read and an event
      // on Node's main thread. Fully buffered output arrives in a few large chunks.
      GIT_FLUSH: '0',
      LC_ALL: 'C',
      LANG: 'C',
    };
    // Set when VS Code was started from inside a git command (a hook, `git rebase -x`): they would
    // point every call at that repository, or at a program.
    for (const name of [
      'GIT_DIR',
      'GIT_WORK_TREE',
      'GIT_INDEX_FILE',
      'GIT_EXTERNAL_DIFF',
      'GIT_ASKPASS',
      'SSH_ASKPASS',
    ])
      delete env[name];
    cachedEnv = env;
  }
  return cachedEnv;
}

function argv(args: readonly string[], options: GitOptions): string[] {
  return [...HARDENING, ...(options.config ?? []), ...args];
}

/** Runs git in `cwd` and resolves with its stdout bytes; rejects with a GitError (or an AbortError). */
export function git(args: readonly string[], cwd: string, options: GitOptions = {}): Promise<Buffer> {
  const gitPath = gitPathOf(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = execFile(
      gitPath,
      argv(args, options),
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: options.maxBuffer ?? MAX_BUFFER,
        signal: options.signal,
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        env: gitEnv(),
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(toGitError(error, { cwd, args, stderr, gitPath, timeoutMs }));
      },
    );
    if (options.onStdout) child.stdout?.on('data', options.onStdout);
    if (options.input !== undefined) {
      child.stdin?.on('error', () => undefined); // git exited early: the callback reports it
      child.stdin?.end(options.input);
    }
  });
}

/** `git` decoded as UTF-8 and trimmed, or undefined on any failure (for best-effort callers). */
export async function gitOrUndefined(
  args: readonly string[],
  cwd: string,
  options: GitOptions = {},
): Promise<string | undefined> {
  try {
    return (await git(args, cwd, options)).toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * False only when git cannot be started (not found): for callers that read git best-effort and must
 * say when they go on without it. Any other failure is the real call's to report.
 */
export async function gitFound(cwd: string, gitPath?: string): Promise<boolean> {
  try {
    await git(['--version'], cwd, { gitPath, timeoutMs: 30_000 });
    return true;
  } catch (error) {
    return !(error instanceof GitError && error.kind === 'git-missing');
  }
}

/** Starts git with piped stdin/stdout (for pipes between two gits); same argv and environment. */
export function spawnGit(
  args: readonly string[],
  cwd: string,
  options: GitOptions = {},
): ChildProcessByStdio<Writable, Readable, null> {
  const child = spawn(gitPathOf(options), argv(args, options), {
    cwd,
    env: gitEnv(),
    signal: options.signal,
    stdio: ['pipe', 'pipe', 'ignore'],
    windowsHide: true,
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  child.on('close', () => clearTimeout(timer));
  return child;
}

interface Failure {
  cwd: string;
  args: readonly string[];
  stderr: Buffer | string;
  gitPath: string;
  timeoutMs: number;
}

function toGitError(error: Error & { code?: unknown; killed?: boolean; signal?: unknown }, f: Failure): Error {
  if (error.name === 'AbortError') return error;
  // execFile reports a missing working folder as ENOENT too: that is the folder, not git.
  if ((error.code === 'ENOENT' || error.code === 'ENOTDIR') && !isFolder(f.cwd)) {
    return new GitError(`${f.cwd} does not exist or is not a folder`, 'not-a-repo');
  }
  if (error.code === 'ENOENT') {
    return new GitError(`git was not found (tried '${f.gitPath}'): ${missingGitFix}, then try again`, 'git-missing');
  }
  const command = f.args.find((arg) => !arg.startsWith('-')) ?? 'git';
  if (error.killed && error.signal === 'SIGKILL') {
    return new GitError(
      `git ${command} took longer than ${seconds(f.timeoutMs)} s in ${f.cwd} and was stopped`,
      'timeout',
    );
  }
  const text = (Buffer.isBuffer(f.stderr) ? f.stderr.toString('utf8') : f.stderr).trim();
  if (/not a git repository/i.test(text)) return new GitError(`${f.cwd} is not a git repository`, 'not-a-repo');
  const dubious = /detected dubious ownership in repository at '([^']*)'/.exec(text);
  if (dubious) {
    return new GitError(
      `git refuses to read ${dubious[1]}: it belongs to another user (if you trust it: git config --global --add safe.directory ${dubious[1]})`,
      'not-a-repo',
    );
  }
  const first = text.split('\n').find((line) => line.trim()) ?? error.message;
  return new GitError(`git ${command} failed in ${f.cwd}: ${first}`, 'git-failed');
}

const seconds = (ms: number): number => (ms >= 10_000 ? Math.round(ms / 1000) : Math.round(ms / 100) / 10);

export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
