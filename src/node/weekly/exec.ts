// Runs git for the weekly draft: always execFile/spawn with argument arrays (never a shell), a fixed
// environment, and errors turned into one line the user can act on.
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { decode } from './decode';

/** A failure the user can act on; `message` is the one line to show. */
export class WeeklyGitError extends Error {
  constructor(
    message: string,
    readonly kind: 'git-missing' | 'not-a-repo' | 'git-failed',
  ) {
    super(message);
  }
}

export interface GitOptions {
  /** Path of the git executable (VS Code's git extension's, or "git" from PATH). */
  gitPath: string;
  signal?: AbortSignal;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * `-c` overrides for every git we run: user config must not change what we parse. A signature
 * block (`log.showSignature`), colour codes (`color.ui=always`), decorations (`log.decorate`) or
 * quoted paths (`core.quotePath`) in the output would break the parsers.
 */
export const CONFIG_OVERRIDES = [
  '-c',
  'log.showSignature=false',
  '-c',
  'color.ui=never',
  '-c',
  'log.decorate=false',
  '-c',
  'core.quotePath=false',
];

/** Explicit flags for every `git log`, in case an override is not enough (and for old gits). */
export const LOG_HARDENING = [
  '--no-show-signature',
  '--no-color',
  '--no-decorate',
  '--no-ext-diff',
  '--encoding=UTF-8',
];

/** Runs git and resolves with its stdout bytes; rejects with a WeeklyGitError. */
export function git(args: string[], cwd: string, options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      options.gitPath,
      [...CONFIG_OVERRIDES, ...args],
      { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, signal: options.signal, env: gitEnv() },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(toGitError(error, cwd, args, stderr, options.gitPath));
      },
    );
  });
}

let cachedEnv: NodeJS.ProcessEnv | undefined;
export function gitEnv(): NodeJS.ProcessEnv {
  // No pager, no prompts, no localized messages (we match a few of git's error texts). Built once:
  // copying the environment for every call shows up in profiles.
  cachedEnv ??= { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANG: 'C' };
  return cachedEnv;
}

function toGitError(
  error: Error & { code?: unknown },
  cwd: string,
  args: string[],
  stderr: Buffer | string,
  gitPath: string,
): Error {
  if (error.name === 'AbortError') return error;
  // execFile reports a missing working folder as ENOENT too: that is the folder, not git.
  if ((error.code === 'ENOENT' || error.code === 'ENOTDIR') && !isFolder(cwd)) {
    return new WeeklyGitError(`${cwd} does not exist or is not a folder`, 'not-a-repo');
  }
  if (error.code === 'ENOENT') {
    return new WeeklyGitError(
      `git was not found (tried '${gitPath}'): install git or set git.path, then try again`,
      'git-missing',
    );
  }
  const text = decode(Buffer.isBuffer(stderr) ? stderr : Buffer.from(stderr)).trim();
  if (/not a git repository/i.test(text)) return new WeeklyGitError(`${cwd} is not a git repository`, 'not-a-repo');
  const dubious = /detected dubious ownership in repository at '([^']*)'/.exec(text);
  if (dubious) {
    return new WeeklyGitError(
      `git refuses to read ${dubious[1]}: it belongs to another user (if you trust it: git config --global --add safe.directory ${dubious[1]})`,
      'not-a-repo',
    );
  }
  const first = text.split('\n').find((line) => line.trim()) ?? error.message;
  return new WeeklyGitError(`git ${args[0]} failed in ${cwd}: ${first}`, 'git-failed');
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Top level of the work tree containing `path`; one clear line when there is none. */
export async function openRepo(path: string, options: GitOptions): Promise<{ root: string }> {
  if (!isFolder(path)) throw new WeeklyGitError(`${path} does not exist or is not a folder`, 'not-a-repo');
  let out: string;
  try {
    out = decode(await git(['rev-parse', '--show-toplevel'], path, options));
  } catch (error) {
    if (!(error instanceof WeeklyGitError && /must be run in a work tree/.test(error.message))) throw error;
    // A bare repository, or the inside of a .git folder: git has no work tree to show.
    const bare = await git(['rev-parse', '--is-bare-repository'], path, options).then(
      (bytes) => decode(bytes).trim() === 'true',
      () => false,
    );
    throw new WeeklyGitError(
      bare
        ? `${path} is a bare repository: the weekly draft needs a work tree (a checked-out clone)`
        : `${path} is inside a .git folder: point at the work tree above it`,
      'not-a-repo',
    );
  }
  const root = out.split('\n')[0];
  if (!root) throw new WeeklyGitError(`${path} is not inside a git work tree`, 'not-a-repo');
  return { root };
}
