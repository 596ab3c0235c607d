// Runs git for the weekly draft: always execFile/spawn with argument arrays (never a shell), a fixed
// environment, and errors turned into one line the user can act on.
import { execFile } from 'node:child_process';
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
  if (error.code === 'ENOENT') {
    return new WeeklyGitError(
      `git was not found (tried '${gitPath}'): install git or set git.path, then try again`,
      'git-missing',
    );
  }
  const text = decode(Buffer.isBuffer(stderr) ? stderr : Buffer.from(stderr)).trim();
  if (/not a git repository/i.test(text)) return new WeeklyGitError(`${cwd} is not a git repository`, 'not-a-repo');
  const first = text.split('\n').find((line) => line.trim()) ?? error.message;
  return new WeeklyGitError(`git ${args[0]} failed in ${cwd}: ${first}`, 'git-failed');
}

/** Top level of the work tree containing `path`, and whether the repository is shallow. */
export async function openRepo(path: string, options: GitOptions): Promise<{ root: string; shallow: boolean }> {
  const out = decode(await git(['rev-parse', '--show-toplevel', '--is-shallow-repository'], path, options));
  const [root, shallow] = out.split('\n');
  if (!root) throw new WeeklyGitError(`${path} is not inside a git work tree`, 'not-a-repo');
  return { root, shallow: shallow === 'true' };
}
