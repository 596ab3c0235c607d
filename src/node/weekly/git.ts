// Reads one repository for the weekly draft. Per draft and repo: ONE `git log` (a committer-date
// superset of the window; the core decides by author date), plus cheap plumbing calls run in parallel
// with it, plus one `git log -p | git patch-id --stable` pipe for the few commits that might be
// duplicates. Running git lives in ../git.ts, parsing in gitParse.ts, patch ids in patchIds.ts.
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { webUrlFromRemote } from '../../core/weekly/links';
import type { BranchInfo, RawCommit, RepoSnapshot } from '../../core/weekly/model';
import { filterOverrides, git, GitError, LOG_HARDENING } from '../git';
import { decode } from '../decode';
import {
  type Config,
  LOG_FORMAT,
  LogParser,
  parseConfig,
  parseRefs,
  parseStatus,
  REF_FORMAT,
  type Refs,
  type Status,
} from './gitParse';
import { commitsTouchingReverts, duplicateCandidates, patchIds, revertCandidates } from './patchIds';
import type { WeeklyGitOptions as GitOptions } from './openRepo';
import { type GitDirs, gitDirs, gitDirsSync, mtimeOf, readRefs, readSmall } from './refs';
import { readTextFile } from '../regularFile';

/** The most of a `.mailmap` that is read (the Linux kernel's is about 60 KiB). */
const MAILMAP_MAX_BYTES = 1024 * 1024;

/**
 * The repository's `.mailmap`, read as a regular file inside the work tree of at most 1 MiB (a FIFO
 * would never end, a link to /dev/zero never stop); `problem` says why one that is there was not read.
 */
async function readMailmap(root: string): Promise<{ text: string | null; problem?: string }> {
  const read = readTextFile(join(root, '.mailmap'), MAILMAP_MAX_BYTES, root, 'the repository');
  if ('text' in read) return { text: read.text };
  return read.problem === 'it does not exist' ? { text: null } : { text: null, problem: read.problem };
}

export { git, GitError } from '../git';
export { decode } from '../decode';
export { openRepo, type WeeklyGitOptions as GitOptions } from './openRepo';
export { parseLog, parseRefs, parseStatus } from './gitParse';
export { duplicateCandidates, patchIds } from './patchIds';

async function quiet(promise: Promise<Buffer>): Promise<Buffer> {
  // `git config --get-regexp` exits 1 when nothing matches: that is "no config", not a failure.
  return promise.catch((error: unknown) => {
    if (error instanceof GitError && error.kind === 'git-failed') return Buffer.alloc(0);
    throw error;
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
  /**
   * The draft's window (ms): with `recentSince`, the author dates whose commits the draft folds, so
   * the only ones worth a patch-id. Without it every fetched commit is a candidate.
   */
  window?: { start: number; end: number };
  /** Display name; defaults to the folder name. */
  name?: string;
  /** Cadence's own files (saved updates): uncommitted, they are not the user's work in progress. */
  isOwnFile?: (path: string) => boolean;
  /**
   * Whether the work tree's state matters (uncommitted changes, stashes): false for a window that
   * ended before now, whose draft leaves them out — then no `git status` runs and HEAD is read from
   * the git dir.
   */
  workTree?: boolean;
}

/** Whether the repository at `root` is a shallow clone: a `shallow` file in its (common) git dir. */
export async function isShallow(root: string, known?: Promise<GitDirs | null>): Promise<boolean> {
  const dirs = await (known ?? gitDirs(root));
  if (!dirs) return false;
  return mtimeOf(join(dirs.commonDir, 'shallow')) !== undefined || mtimeOf(join(dirs.gitDir, 'shallow')) !== undefined;
}

interface RepoConfig extends Config {
  /** `-c` pairs emptying every configured filter driver (see filterOverrides). */
  noFilters: string[];
}
interface ConfigCacheEntry {
  key: string;
  config: RepoConfig;
}
const configCache = new Map<string, ConfigCacheEntry>();

/**
 * The stamps (path, modification time, size) of the config files git reads for `root`: the
 * repository's, the worktree's and the user's. Read synchronously before any `git config` starts,
 * so they never postdate what it read.
 */
function configStamps(dirs: GitDirs | null, options: GitOptions): string {
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
  const files = [
    dirs ? join(dirs.commonDir, 'config') : '',
    dirs ? join(dirs.gitDir, 'config.worktree') : '',
    join(home, '.gitconfig'),
    join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'git', 'config'),
    process.env.GIT_CONFIG_GLOBAL ?? '',
  ];
  const stamps = files.map((file) => {
    if (!file) return '';
    try {
      const info = statSync(file, { throwIfNoEntry: false });
      return info ? `${file}:${info.mtimeMs}:${info.size}` : `${file}:-`;
    } catch {
      return `${file}:-`;
    }
  });
  return `${options.gitPath}|${stamps.join('|')}`;
}

/**
 * `user.email`, remote URLs and filter drivers. `git config` runs once per repository while the
 * repository's and the user's config files keep their modification times (the extension host lives
 * for days). A config still valid is returned at once, not as a promise: `git status` waits for it.
 */
function readConfig(root: string, options: GitOptions, dirs: GitDirs | null): RepoConfig | Promise<RepoConfig> {
  const key = configStamps(dirs, options);
  const cached = configCache.get(root);
  if (cached && cached.key === key) return cached.config;
  return quiet(
    git(['config', '-z', '--get-regexp', '^(user\\.email|remote\\..*\\.url|filter\\..*)$'], root, options),
  ).then((bytes) => {
    const config = { ...parseConfig(bytes), noFilters: filterOverrides(decode(bytes)) };
    configCache.set(root, { key, config });
    return config;
  });
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

/**
 * Tips of `branches` and whether each is merged into `defaultTip`. Only a branch whose tip was
 * authored in the recent span can be in progress (core/weekly/evidence.ts), so the merged check (a
 * history walk per branch, the costly part) is asked only for those: one `git for-each-ref` reads
 * every tip, and a second with `--no-merged` runs only when some tip is recent. The others keep
 * `merged: null` (not asked).
 */
async function branchStates(
  root: string,
  defaultTip: string,
  branches: readonly { name: string }[],
  options: SnapshotOptions,
): Promise<BranchInfo[]> {
  const forEachRef = (list: readonly { name: string }[], merge: string[]) =>
    git(
      ['for-each-ref', ...merge, `--format=${REF_FORMAT}`, ...list.map((b) => `refs/heads/${b.name}`)],
      root,
      options,
    ).then((bytes) => parseRefs(bytes).branches);
  const tips = await forEachRef(branches, []);
  const recent = tips.filter((b) => b.tipAuthorDate >= options.recentSince);
  const unmerged = new Set(
    recent.length === 0 ? [] : (await forEachRef(recent, [`--no-merged=${defaultTip}`])).map((b) => b.name),
  );
  return tips.map((b) => ({ ...b, merged: b.tipAuthorDate < options.recentSince ? null : !unmerged.has(b.name) }));
}

/**
 * The merged check started before the log answers: for every branch but the default one (as the
 * refs name it) that can have moved in the recent span. Null when there is nothing to ask.
 */
async function unmergedAmong(
  root: string,
  refs: Refs & { movedAt: Map<string, number> },
  options: SnapshotOptions,
): Promise<{ defaultTip: string; asked: Set<string>; states: BranchInfo[] } | null> {
  const guess = pickDefault(refs, { head: null, branch: null, uncommitted: 0, stashes: 0, changed: [] });
  if (!guess.tip) return null;
  const asked = refs.branches.filter(
    (b) => b.name !== guess.name && (refs.movedAt.get(b.name) ?? Infinity) >= options.recentSince,
  );
  if (asked.length === 0) return null;
  // A failure here is not the draft's: the caller asks again after the log.
  const states = await branchStates(root, guess.tip, asked, options).catch(() => null);
  return states ? { defaultTip: guess.tip, asked: new Set(asked.map((b) => b.name)), states } : null;
}

/** HEAD's branch and commit from the git dir (no `git status`): for windows that ended before now. */
async function headFromGitDir(dirs: GitDirs | null, branches: Promise<Refs>): Promise<Status> {
  const text = dirs ? (readSmall(join(dirs.gitDir, 'HEAD')) ?? '').trim() : '';
  // (A reftable repository's HEAD names the placeholder `.invalid`: no branch is known then.)
  const named = /^ref: refs\/heads\/(.+)$/.exec(text)?.[1] ?? null;
  const symbolic = named === '.invalid' ? null : named;
  const head = symbolic
    ? ((await branches).branches.find((b) => b.name === symbolic)?.tip ?? null)
    : /^[0-9a-f]{40,64}$/.test(text)
      ? text
      : null;
  return { head, branch: symbolic, uncommitted: 0, stashes: 0, changed: [] };
}

/** Patch ids and inverse patch ids of the fetched commits that can pair or be copies (see snapshotRepo). */
async function patchIdsFor(
  root: string,
  commits: readonly RawCommit[],
  range: readonly string[],
  options: SnapshotOptions,
): Promise<[Record<string, string>, Record<string, string>]> {
  const relevant = (commit: RawCommit) => {
    const { window } = options;
    const inWindow = !window || (commit.authorDate >= window.start && commit.authorDate < window.end);
    return inWindow || commit.authorDate >= options.recentSince;
  };
  const byId = new Map(commits.map((commit) => [commit.sha, commit]));
  const reverts = revertCandidates(commits, relevant);
  const touching = await commitsTouchingReverts(root, reverts, range, options);
  const forIds = new Set([
    ...duplicateCandidates(commits, relevant),
    ...reverts,
    ...(touching ?? commits.filter((c) => c.parents.length <= 1 && relevant(c)).map((c) => c.sha)).filter((sha) => {
      const commit = byId.get(sha);
      return commit !== undefined && relevant(commit);
    }),
  ]);
  return Promise.all([patchIds(root, [...forIds], options), patchIds(root, reverts, options, true)]);
}

/** Reads everything the draft needs from the repository whose top level is `root`. */
export async function snapshotRepo(root: string, options: SnapshotOptions): Promise<RepoSnapshot> {
  const since = new Date(options.since).toISOString();
  // The log is the draft's longest call, so it starts first, before any read of the git dir, and
  // everything else runs while it does. It names the published default branch with a glob git
  // resolves itself (no refs read first): a bracket keeps git from appending `/*` to the pattern
  // (`--glob=refs/remotes/origin/HEAD` matches nothing), and a missing or dangling origin/HEAD
  // matches nothing instead of failing. So a main that autofetch moved ahead of the local one is read.
  let range: string[] = [];
  const logArgs = (withHead: boolean) => [
    'log',
    ...(range = ['--branches', '--glob=refs/remotes/origin/[H]EAD', ...(withHead ? ['HEAD'] : []), `--since=${since}`]),
    ...LOG_HARDENING,
    '-z',
    `--format=${LOG_FORMAT}`,
    '--',
  ];
  // Parsed as it arrives; an attempt that fails leaves its parser behind.
  const readLog = (withHead: boolean) => {
    const parser = new LogParser();
    return git(logArgs(withHead), root, { ...options, onStdout: (chunk) => parser.push(chunk) }).then(() =>
      parser.end(),
    );
  };
  const log = readLog(true).catch((error: unknown) => {
    // An empty repository has no HEAD to name: then ask for branches only (there are none).
    if (error instanceof GitError && error.kind === 'git-failed') return readLog(false);
    throw error;
  });
  // Everything below runs while the log does. `git status` needs the config's filter drivers: a
  // config known from an earlier draft (its files unchanged) lets it start at once; otherwise
  // `git config` starts now and status after it.
  const dirs = gitDirsSync(root);
  const known = Promise.resolve(dirs);
  const repoConfig = readConfig(root, options, dirs);
  // Status compares changed files through the repository's clean filters: empty them, so it
  // runs no program (a racily-clean filtered file may count as changed). Submodules: only
  // their commit is compared (a status inside each would read that submodule's config).
  const runStatus = ({ noFilters }: RepoConfig) =>
    git(['status', '--porcelain=v2', '--branch', '--show-stash', '--ignore-submodules=dirty', '-z'], root, {
      ...options,
      config: noFilters,
    }).then(parseStatus);
  const branches = readBranches(root, options, known);
  const workTree =
    options.workTree === false
      ? headFromGitDir(dirs, branches)
      : repoConfig instanceof Promise
        ? repoConfig.then(runStatus)
        : runStatus(repoConfig);
  // Whether branches that did not move in the fetched span are merged: asked alongside the log for
  // the branches that can have moved recently (their ref files' times), not after it.
  // Branches that cannot be read fail the draft through `branches` below; this question then has no
  // answer (null), and no rejection of its own that nobody awaits.
  const early = branches.then(
    (found) => unmergedAmong(root, found, options),
    () => null,
  );
  // Patch ids only where they can matter: commits that may be copies of each other (same subject),
  // reverts (also their inverse ids), and the commits touching a path a revert touches (the
  // originals, rebased copies and restores a revert pairs with). Most weeks have no revert: then
  // this is at most one pipe, and none without duplicate subjects. They need only the log, so they
  // start as soon as it ends, while `git status` may still run.
  const patches = log.then((fetched) => patchIdsFor(root, fetched, range, options));
  // Awaited below, after the calls above: a failure there must not leave this one unhandled.
  void patches.catch(() => undefined);
  const [config, status, refs, commits, shallow, mailmap] = await Promise.all([
    repoConfig,
    workTree,
    branches,
    log,
    isShallow(root, known),
    readMailmap(root),
  ]);
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
  const [[ids, inverseIds], states] = await Promise.all([
    patches,
    older.length === 0 || !defaultBranch.tip
      ? Promise.resolve(null)
      : early.then((answer) =>
          answer && answer.defaultTip === defaultBranch.tip && older.every((b) => answer.asked.has(b.name))
            ? answer.states
            : branchStates(root, defaultBranch.tip!, older, options),
        ),
  ]);
  if (states) {
    const byName = new Map(states.map((b) => [b.name, b]));
    for (const branch of older) {
      const found = byName.get(branch.name);
      // A branch git no longer lists (deleted meanwhile) counts as merged: nothing is in progress there.
      if (found) Object.assign(branch, found);
      else branch.merged = true;
    }
  }
  const remote = config.remotes.get('origin') ?? config.remotes.get('upstream') ?? [...config.remotes.values()][0];
  return {
    path: root,
    name: options.name ?? basename(root),
    userEmail: config.userEmail,
    mailmap: mailmap.text,
    ...(mailmap.problem ? { mailmapProblem: mailmap.problem } : {}),
    webUrl: remote ? webUrlFromRemote(remote) : null,
    remoteUrls: [config.remotes.get('origin'), config.remotes.get('upstream')]
      .filter((url): url is string => !!url)
      .concat(remote && !config.remotes.has('origin') && !config.remotes.has('upstream') ? [remote] : []),
    defaultBranch: defaultBranch.name,
    defaultTip: defaultBranch.tip,
    currentBranch: status.branch,
    head: status.head,
    shallow,
    uncommitted: options.isOwnFile
      ? status.changed.filter((path) => !options.isOwnFile!(join(root, path))).length
      : status.uncommitted,
    stashes: status.stashes,
    branches: refs.branches,
    commits,
    patchIds: ids,
    inversePatchIds: inverseIds,
  };
}
