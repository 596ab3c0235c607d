// Reads one repository for the weekly draft. git always runs through execFile/spawn with argument
// arrays (never a shell). Per draft and repo: ONE `git log` (a committer-date superset of the window;
// the core decides by author date), plus cheap plumbing calls run in parallel with it, plus one
// `git log -p | git patch-id --stable` pipe for the few commits that might be duplicates.
import { execFile, spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { webUrlFromRemote } from '../../core/weekly/links';
import { type GitDirs, gitDirs, readRefs } from './refs';
import type { BranchInfo, RawCommit, RepoSnapshot } from '../../core/weekly/model';

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

/** Runs git and resolves with its stdout bytes; rejects with a WeeklyGitError. */
export function git(args: string[], cwd: string, options: GitOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      options.gitPath,
      args,
      { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, signal: options.signal, env: gitEnv() },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        reject(toGitError(error, cwd, args, stderr, options.gitPath));
      },
    );
  });
}

let cachedEnv: NodeJS.ProcessEnv | undefined;
function gitEnv(): NodeJS.ProcessEnv {
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

/** UTF-8 when the bytes are UTF-8, else Windows-1252: old repositories carry Latin-1 messages. */
export function decode(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin.decode(bytes);
  }
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin = new TextDecoder('windows-1252');

/** Top level of the work tree containing `path`, and whether the repository is shallow. */
export async function openRepo(path: string, options: GitOptions): Promise<{ root: string; shallow: boolean }> {
  const out = decode(await git(['rev-parse', '--show-toplevel', '--is-shallow-repository'], path, options));
  const [root, shallow] = out.split('\n');
  if (!root) throw new WeeklyGitError(`${path} is not inside a git work tree`, 'not-a-repo');
  return { root, shallow: shallow === 'true' };
}

const FIELDS = ['%H', '%P', '%T', '%an', '%ae', '%at', '%ce', '%ct', '%s', '%b'];
const LOG_FORMAT = FIELDS.join('%x1f');

/** Parses `git log -z --format=<LOG_FORMAT>` output (NUL between records, 0x1f between fields). */
export function parseLog(bytes: Buffer): RawCommit[] {
  // Nearly always the whole output is UTF-8 (git re-encodes declared encodings): decode it at once.
  // Only when that fails is each record decoded on its own, so one Latin-1 message stays local.
  let records: string[];
  try {
    records = utf8.decode(bytes).split('\0');
  } catch {
    records = [];
    for (let start = 0; start < bytes.length;) {
      let end = bytes.indexOf(0, start);
      if (end < 0) end = bytes.length;
      records.push(decode(bytes.subarray(start, end)));
      start = end + 1;
    }
  }
  const commits: RawCommit[] = [];
  for (const record of records) {
    if (!record.trim()) continue;
    const fields = record.replace(/^\n+/, '').split('\x1f');
    if (fields.length < FIELDS.length) continue;
    const [sha, parents, tree, authorName, authorEmail, authorDate, committerEmail, committerDate, subject, ...body] =
      fields;
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      tree,
      authorName,
      authorEmail,
      authorDate: Number(authorDate) * 1000,
      committerEmail,
      committerDate: Number(committerDate) * 1000,
      subject,
      body: body.join('\x1f').trim(),
    });
  }
  return commits;
}

interface Status {
  head: string | null;
  branch: string | null;
  uncommitted: number;
  stashes: number;
}

/** Parses `git status --porcelain=v2 --branch --show-stash -z`. */
export function parseStatus(bytes: Buffer): Status {
  const status: Status = { head: null, branch: null, uncommitted: 0, stashes: 0 };
  const entries = decode(bytes).split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    if (entry.startsWith('# branch.oid ')) {
      const oid = entry.slice('# branch.oid '.length);
      status.head = oid === '(initial)' ? null : oid;
    } else if (entry.startsWith('# branch.head ')) {
      const head = entry.slice('# branch.head '.length);
      status.branch = head === '(detached)' ? null : head;
    } else if (entry.startsWith('# stash ')) {
      status.stashes = Number(entry.slice('# stash '.length)) || 0;
    } else if (!entry.startsWith('#')) {
      status.uncommitted++;
      // A rename/copy entry is followed by its original path as a separate NUL-terminated field.
      if (entry.startsWith('2 ')) i++;
    }
  }
  return status;
}

interface Config {
  userEmail: string | null;
  remotes: Map<string, string>;
}

function parseConfig(bytes: Buffer): Config {
  const config: Config = { userEmail: null, remotes: new Map() };
  for (const entry of decode(bytes).split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const value = entry.slice(newline + 1);
    if (key === 'user.email') config.userEmail = value;
    const remote = /^remote\.(.+)\.url$/.exec(key);
    if (remote && !config.remotes.has(remote[1])) config.remotes.set(remote[1], value);
  }
  return config;
}

interface Refs {
  branches: BranchInfo[];
  /** origin/HEAD's target, e.g. { name: 'main', tip } */
  originHead: { name: string; tip: string } | null;
}

/** `git for-each-ref` with REF_FORMAT: one ref a line, fields separated by NUL. */
const REF_FORMAT = [
  '%(refname)',
  '%(objectname)',
  '%(symref)',
  '%(authorname)',
  '%(authoremail)',
  '%(authordate:unix)',
  '%(subject)',
].join('%00');

export function parseRefs(bytes: Buffer): Refs {
  const refs: Refs = { branches: [], originHead: null };
  const remoteTips = new Map<string, string>();
  let originHeadTarget: string | null = null;
  for (const line of decode(bytes).split('\n')) {
    const [ref, sha, symref, authorName = '', authorEmail = '', authorDate = '0', subject = ''] = line.split('\0');
    if (!ref || !sha) continue;
    if (ref.startsWith('refs/heads/')) {
      refs.branches.push({
        name: ref.slice('refs/heads/'.length),
        tip: sha,
        tipAuthorName: authorName,
        tipAuthorEmail: authorEmail.replace(/^<|>$/g, ''),
        tipAuthorDate: Number(authorDate) * 1000,
        tipSubject: subject,
        merged: null,
      });
    } else if (ref === 'refs/remotes/origin/HEAD') originHeadTarget = symref || null;
    else if (ref.startsWith('refs/remotes/')) remoteTips.set(ref, sha);
  }
  if (originHeadTarget) {
    const tip = remoteTips.get(originHeadTarget);
    if (tip) refs.originHead = { name: originHeadTarget.replace(/^refs\/remotes\/origin\//, ''), tip };
  }
  return refs;
}

async function quiet(promise: Promise<Buffer>): Promise<Buffer> {
  // `git config --get-regexp` exits 1 when nothing matches: that is "no config", not a failure.
  return promise.catch((error: unknown) => {
    if (error instanceof WeeklyGitError && error.kind === 'git-failed') return Buffer.alloc(0);
    throw error;
  });
}

/** Commits whose (normalized) subject occurs more than once: the only ones worth a patch-id. */
export function duplicateCandidates(commits: readonly RawCommit[], limit = 400): string[] {
  const bySubject = new Map<string, string[]>();
  for (const commit of commits) {
    if (commit.parents.length > 1) continue;
    const key = commit.subject
      .replace(/\s*\(#\d+\)\s*$/, '')
      .trim()
      .toLowerCase();
    bySubject.set(key, [...(bySubject.get(key) ?? []), commit.sha]);
  }
  const picked = [...bySubject.values()].filter((shas) => shas.length > 1).flat();
  return picked.slice(0, limit);
}

/** `git log --no-walk -p <shas> | git patch-id --stable`: sha → patch-id, in one pipe. */
export function patchIds(root: string, shas: readonly string[], options: GitOptions): Promise<Record<string, string>> {
  if (shas.length === 0) return Promise.resolve({});
  return new Promise((resolve, reject) => {
    const env = gitEnv();
    const log = spawn(
      options.gitPath,
      ['log', '--no-walk=unsorted', '--stdin', '-p', '--no-color', '--no-ext-diff', '--format=commit %H'],
      { cwd: root, env, signal: options.signal, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    const patchId = spawn(options.gitPath, ['patch-id', '--stable'], {
      cwd: root,
      env,
      signal: options.signal,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    log.on('error', reject);
    patchId.on('error', reject);
    // patch-id may finish reading before log is done writing in odd cases; a closed pipe is not an error.
    patchId.stdin.on('error', () => undefined);
    log.stdout.pipe(patchId.stdin);
    const chunks: Buffer[] = [];
    patchId.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    patchId.on('close', () => {
      const result: Record<string, string> = {};
      for (const line of decode(Buffer.concat(chunks)).split('\n')) {
        const [id, sha] = line.trim().split(' ');
        if (id && sha) result[sha] = id;
      }
      resolve(result);
    });
    log.stdin.end(shas.join('\n') + '\n');
  });
}

function pickDefault(refs: Refs, status: Status): { name: string | null; tip: string | null } {
  if (refs.originHead) return refs.originHead;
  for (const name of ['main', 'master', 'trunk', 'develop']) {
    const branch = refs.branches.find((b) => b.name === name);
    if (branch) return { name, tip: branch.tip };
  }
  return { name: status.branch, tip: status.head };
}

export interface SnapshotOptions extends GitOptions {
  /** Ask git for commits committed since this instant (ms); the core filters by author date. */
  since: number;
  /** Branches with a tip authored after this instant (ms) but older than `since` get a merged check. */
  recentSince: number;
  /** Display name; defaults to the folder name. */
  name?: string;
}

/** Whether the repository at `root` is a shallow clone: a `shallow` file in its (common) git dir. */
export async function isShallow(root: string, known?: Promise<GitDirs | null>): Promise<boolean> {
  const dirs = await (known ?? gitDirs(root));
  if (!dirs) return false;
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );
  return (await exists(join(dirs.commonDir, 'shallow'))) || (await exists(join(dirs.gitDir, 'shallow')));
}

interface ConfigCacheEntry {
  key: string;
  config: Config;
}
const configCache = new Map<string, ConfigCacheEntry>();

/**
 * `user.email` and remote URLs. `git config` runs once per repository while the repository's and
 * the user's config files keep their modification times (the extension host lives for days).
 */
async function readConfig(root: string, options: GitOptions, known: Promise<GitDirs | null>): Promise<Config> {
  const dirs = await known;
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  const files = [
    dirs ? join(dirs.commonDir, 'config') : '',
    dirs ? join(dirs.gitDir, 'config.worktree') : '',
    join(home, '.gitconfig'),
    join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'git', 'config'),
    process.env.GIT_CONFIG_GLOBAL ?? '',
  ];
  const stamps = await Promise.all(
    files.map((file) =>
      file
        ? stat(file).then(
            (s) => `${file}:${s.mtimeMs}:${s.size}`,
            () => `${file}:-`,
          )
        : '',
    ),
  );
  const key = `${options.gitPath}|${stamps.join('|')}`;
  const cached = configCache.get(root);
  if (cached && cached.key === key) return cached.config;
  const config = parseConfig(
    await quiet(git(['config', '-z', '--get-regexp', '^(user\\.email|remote\\..*\\.url)$'], root, options)),
  );
  configCache.set(root, { key, config });
  return config;
}

/** Branches and origin/HEAD: from the git dir when it can be read, else from `git for-each-ref`. */
async function readBranches(
  root: string,
  options: GitOptions,
  known: Promise<GitDirs | null>,
): Promise<Refs & { movedAt: Map<string, number> }> {
  const fsRefs = await readRefs(root, known);
  if (fsRefs) {
    return {
      branches: [...fsRefs.branches].map(([name, tip]) => ({
        name,
        tip,
        tipAuthorName: '',
        tipAuthorEmail: '',
        tipAuthorDate: 0,
        tipSubject: '',
        merged: null,
      })),
      originHead: fsRefs.originHead,
      movedAt: fsRefs.movedAt,
    };
  }
  const refs = parseRefs(
    await git(['for-each-ref', `--format=${REF_FORMAT}`, 'refs/heads', 'refs/remotes'], root, options),
  );
  return { ...refs, movedAt: new Map(refs.branches.map((b) => [b.name, b.tipAuthorDate])) };
}

/** Reads everything the draft needs from the repository whose top level is `root`. */
export async function snapshotRepo(root: string, options: SnapshotOptions): Promise<RepoSnapshot> {
  const since = new Date(options.since).toISOString();
  const logArgs = (withHead: boolean) => [
    'log',
    '--branches',
    '--glob=refs/remotes/origin/HEAD',
    ...(withHead ? ['HEAD'] : []),
    `--since=${since}`,
    '--encoding=UTF-8',
    '--no-color',
    '-z',
    `--format=${LOG_FORMAT}`,
    '--',
  ];
  const dirs = gitDirs(root);
  // Everything below runs in parallel: one `git log`, `git status`, and reads of the git dir.
  const [config, statusBytes, refs, logBytes, shallow, mailmap] = await Promise.all([
    readConfig(root, options, dirs),
    // --no-optional-locks: never hold index.lock while the user (or VS Code's git) works.
    git(['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '--show-stash', '-z'], root, options),
    readBranches(root, options, dirs),
    // An empty repository has no HEAD to name: then ask for branches only (there are none).
    git(logArgs(true), root, options).catch((error: unknown) => {
      if (error instanceof WeeklyGitError && error.kind === 'git-failed') return git(logArgs(false), root, options);
      throw error;
    }),
    isShallow(root, dirs),
    readFile(join(root, '.mailmap'), 'utf8').catch(() => null),
  ]);
  const status = parseStatus(statusBytes);
  const commits = parseLog(logBytes);
  const defaultBranch = pickDefault(refs, status);
  // Fill in tips from the fetched commits; branches last touched before the fetched span but moved
  // recently enough to be "in progress" get one `git for-each-ref` for their tips and whether they
  // are merged (most drafts skip this call: old branches have not moved for weeks).
  const byId = new Map(commits.map((commit) => [commit.sha, commit]));
  const older: BranchInfo[] = [];
  for (const branch of refs.branches) {
    const tip = byId.get(branch.tip);
    if (tip) {
      branch.tipAuthorName = tip.authorName;
      branch.tipAuthorEmail = tip.authorEmail;
      branch.tipAuthorDate = tip.authorDate;
      branch.tipSubject = tip.subject;
    } else if (
      branch.name !== defaultBranch.name &&
      (refs.movedAt.get(branch.name) ?? Infinity) >= options.recentSince
    ) {
      older.push(branch);
    }
  }
  const [ids, unmerged] = await Promise.all([
    patchIds(root, duplicateCandidates(commits), options),
    older.length > 0 && defaultBranch.tip
      ? git(
          [
            'for-each-ref',
            `--no-merged=${defaultBranch.tip}`,
            `--format=${REF_FORMAT}`,
            ...older.map((b) => `refs/heads/${b.name}`),
          ],
          root,
          options,
        ).then((bytes) => parseRefs(bytes).branches)
      : Promise.resolve(null),
  ]);
  if (unmerged) {
    for (const branch of older) {
      const found = unmerged.find((b) => b.name === branch.name);
      if (found) Object.assign(branch, found, { merged: false });
      else branch.merged = true;
    }
  }
  const remote = config.remotes.get('origin') ?? config.remotes.get('upstream') ?? [...config.remotes.values()][0];
  return {
    path: root,
    name: options.name ?? basename(root),
    userEmail: config.userEmail,
    mailmap,
    webUrl: remote ? webUrlFromRemote(remote) : null,
    defaultBranch: defaultBranch.name,
    defaultTip: defaultBranch.tip,
    currentBranch: status.branch,
    head: status.head,
    shallow,
    uncommitted: status.uncommitted,
    stashes: status.stashes,
    branches: refs.branches,
    commits,
    patchIds: ids,
  };
}
