// Adds GitHub evidence to a draft built from local git, for the CLI and the extension alike. The
// client (Octokit) is imported on demand: its own bundle chunk, loaded only when GitHub is asked.
// Every failure leaves the local draft whole, with one line saying what was left out and why.
import { githubRepoOf, servedHost } from '../../core/weekly/github';
import { applyGithub } from '../../core/weekly/githubDraft';
import type { GithubStatus, RepoSnapshot, WeeklyDraft } from '../../core/weekly/model';
import type { CommitCandidate } from './client';

export interface GithubDraftOptions {
  token: string;
  /** REST API base: https://api.github.com, https://HOST/api/v3, a proxy or a test server. */
  apiUrl: string;
  /** `--github-user`: the person, where the token cannot read `GET /user`. */
  login?: string | null;
  /** Extra repositories (`owner/name`) from settings or flags. */
  repos?: string[];
  reviewWaitHours?: number;
  blockedLabels?: string[];
  hiddenTypes?: string[];
  includeHidden?: boolean;
  now: number;
  signal?: AbortSignal;
  /** Test and benchmark knobs (see GithubRequest). */
  retryUnitMs?: number;
  mergeableDelayMs?: number;
  onRequest?: () => void;
}

/** The one line at the top of a draft made without GitHub. */
export function githubNote(status: GithubStatus): string | null {
  if (status.status === 'ok' || status.status === 'off' || !status.message) return null;
  return `GitHub left out: ${status.message} — this draft is from local git only.`;
}

/** A draft without GitHub, saying why (`off` adds no line). */
export function withGithubStatus(draft: WeeklyDraft, status: GithubStatus): WeeklyDraft {
  return { ...draft, github: status };
}

/** The repositories' remotes by draft name, and the commits GitHub may know a PR for. */
function localFacts(draft: WeeklyDraft, snapshots: readonly RepoSnapshot[], host: string) {
  const remotes: Record<string, string[]> = {};
  const candidates: CommitCandidate[] = [];
  for (const snapshot of snapshots) {
    remotes[snapshot.name] = snapshot.remoteUrls ?? [];
    const repos = (snapshot.remoteUrls ?? []).map(githubRepoOf).filter((gh) => gh !== null && gh.host === host);
    // A fork's PRs live in `upstream` (listed second); a clone's in `origin`.
    const target = repos[repos.length - 1];
    if (!target) continue;
    for (const item of [...draft.shipped, ...draft.hidden])
      if (item.repo === snapshot.name) candidates.push({ repo: target.repo, sha: item.sha, pr: item.pr });
  }
  return { remotes, candidates };
}

/** Asks GitHub and folds the answers into the draft; on any failure, the local draft and one line. */
export async function addGithub(
  draft: WeeklyDraft,
  snapshots: readonly RepoSnapshot[],
  options: GithubDraftOptions,
): Promise<WeeklyDraft> {
  const hosts = snapshots.flatMap((s) => (s.remoteUrls ?? []).map(githubRepoOf)).flatMap((gh) => (gh ? [gh.host] : []));
  const host = servedHost(options.apiUrl, hosts);
  const { remotes, candidates } = localFacts(draft, snapshots, host);
  try {
    const { fetchGithubEvidence } = await import('./client');
    const evidence = await fetchGithubEvidence({
      token: options.token,
      apiUrl: options.apiUrl,
      host,
      window: draft.window,
      login: options.login,
      candidates,
      repos: options.repos,
      signal: options.signal,
      retryUnitMs: options.retryUnitMs,
      mergeableDelayMs: options.mergeableDelayMs,
      onRequest: options.onRequest,
    });
    return applyGithub(draft, evidence, {
      now: options.now,
      remotes,
      reviewWaitHours: options.reviewWaitHours,
      blockedLabels: options.blockedLabels,
      hiddenTypes: options.hiddenTypes,
      includeHidden: options.includeHidden,
    });
  } catch (error) {
    const failure = error as { status?: GithubStatus['status']; message?: string };
    const known = ['signed-out', 'unauthorized', 'rate-limited', 'offline', 'error'] as const;
    const status = known.find((s) => s === failure.status) ?? 'error';
    const message =
      status === 'error' && !failure.status
        ? `unexpected failure (${String(failure.message ?? error).split('\n')[0]})`
        : String(failure.message);
    return withGithubStatus(draft, { status, user: options.login ?? null, message });
  }
}
