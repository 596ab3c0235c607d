// GitHub evidence for the weekly draft, the pure half: which repositories a draft's remotes name,
// which API serves them, the search queries (window edges as UTC instants), closing keywords, and
// the shapes the node client hands over (already reduced from the API's answers).
import { forgeOf, webUrlFromRemote } from './links';
import type { TimeWindow } from './model';

export const DEFAULT_API_URL = 'https://api.github.com';
export const DEFAULT_REVIEW_WAIT_HOURS = 24;
export const DEFAULT_BLOCKED_LABELS = ['blocked'];

/** A repository on a GitHub host: `{ host: 'github.com', repo: 'octo/app' }`. */
export interface GithubRepo {
  host: string;
  repo: string;
}

/** The GitHub repository a remote URL names (https, ssh, `git@host:o/r`), or null (GitLab, a path…). */
export function githubRepoOf(remote: string): GithubRepo | null {
  const web = webUrlFromRemote(remote) ?? (/^https:\/\//.test(remote) ? remote : null);
  if (!web || forgeOf(web) !== 'github') return null;
  let url: URL;
  try {
    url = new URL(web);
  } catch {
    return null;
  }
  const parts = url.pathname
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.git$/, '')
    .split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { host: url.hostname.toLowerCase(), repo: `${parts[0]}/${parts[1]}` };
}

/** `owner/name` from `--github-repo`/`cadence.weekly.githubRepos` text, or null when it is not one. */
export function parseRepoName(text: string): string | null {
  const trimmed = text.trim().replace(/\.git$/, '');
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(trimmed) ? trimmed : null;
}

/**
 * The web host an API base serves: `https://api.github.com` → github.com, `https://HOST/api/v3` →
 * HOST, anything else (a proxy, a test server) → its own host.
 */
export function hostOfApi(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'github.com';
  return url.hostname.toLowerCase();
}

/** The API base of a GitHub host: github.com → api.github.com, an Enterprise host → `/api/v3`. */
export function apiUrlOfHost(host: string): string {
  return host === 'github.com' ? DEFAULT_API_URL : `https://${host}/api/v3`;
}

/** The GraphQL endpoint next to a REST base (`/api/v3` → `/api/graphql`, else `/graphql`). */
export function graphqlUrlOf(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, '');
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, '/api/graphql') : `${base}/graphql`;
}

/**
 * Which web host's remotes an API serves: the host it names when some remote is on that host, else
 * github.com (a proxy or local test server standing in for it).
 */
export function servedHost(apiUrl: string, remoteHosts: readonly string[]): string {
  const host = hostOfApi(apiUrl);
  return remoteHosts.includes(host) ? host : 'github.com';
}

/** `2026-11-01T23:00:00Z`: an instant GitHub's search reads correctly (an offset's `+` becomes a space). */
export function utcInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The window as a search range: both edges included, so the end is one second before `window.end`. */
export function searchRange(window: TimeWindow): string {
  return `${utcInstant(window.start)}..${utcInstant(window.end - 1000)}`;
}

/** The five searches a draft makes; each is paged with `per_page=100`. */
export function searchQueries(window: TimeWindow, login: string) {
  return {
    merged: `is:pr author:${login} merged:${searchRange(window)}`,
    // A review submitted in the window updates its PR, so `updated:>=start` loses none of them.
    reviewed: `is:pr reviewed-by:${login} -author:${login} updated:>=${utcInstant(window.start)}`,
    open: `is:pr is:open author:${login} archived:false`,
    requested: `is:pr is:open review-requested:${login} archived:false`,
    assigned: `is:issue is:open assignee:${login} archived:false`,
  };
}

const CLOSING =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\b:?\s+((?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/[^\s/]+\/[\w.-]+\/[\w.-]+\/issues\/\d+)/gi;

/** Issues a PR body closes ("Closes #88", "fixes octo/lib#3", a full issue URL), as `owner/name#N`. */
export function closingRefs(body: string | null, repo: string): string[] {
  const refs: string[] = [];
  for (const match of (body ?? '').matchAll(CLOSING)) {
    const target = match[1];
    const url = /\/([\w.-]+\/[\w.-]+)\/issues\/(\d+)$/.exec(target);
    const ref = url ? `${url[1]}#${url[2]}` : target.startsWith('#') ? `${repo}${target}` : target;
    if (!refs.some((known) => known.toLowerCase() === ref.toLowerCase())) refs.push(ref);
  }
  return refs;
}

/** Splits `owner/name#12`. */
export function splitRef(ref: string): { repo: string; number: number } {
  const at = ref.lastIndexOf('#');
  return { repo: ref.slice(0, at), number: Number(ref.slice(at + 1)) };
}

// ---- What the client hands to the mapping: the API's answers reduced to what the draft reads. ----

/** A PR (from search or `GET /pulls/{n}`). Times are epoch ms. */
export interface GhPull {
  repo: string;
  number: number;
  title: string;
  url: string;
  author: string;
  state: 'open' | 'closed';
  draft: boolean;
  body: string;
  labels: string[];
  createdAt: number;
  mergedAt: number | null;
}

export interface GhReview {
  user: string;
  state: string;
  /** null for a pending review. */
  submittedAt: number | null;
}

/** What the blockers read about one of the user's open PRs. */
export interface GhOpenPull {
  pull: GhPull;
  headRef: string;
  headSha: string;
  baseRef: string;
  /** After bounded retries while GitHub computes it; null when it never said. */
  mergeable: boolean | null;
  requestedReviewers: number;
  reviews: GhReview[];
  checks: { name: string; status: string; conclusion: string | null }[];
  statuses: { context: string; state: string }[];
}

export interface GhIssue {
  repo: string;
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  closedAt: number | null;
  milestone: { title: string; dueOn: string | null } | null;
}

/** Everything one draft read from GitHub. */
export interface GithubEvidence {
  login: string;
  /** The web host whose remotes these answers belong to (github.com, an Enterprise host). */
  host: string;
  merged: GhPull[];
  reviewed: { pull: GhPull; reviews: GhReview[] }[];
  open: GhOpenPull[];
  requested: GhPull[];
  assigned: GhIssue[];
  /** Issues named by closing keywords in the merged PRs, as GitHub answered for them. */
  closing: GhIssue[];
  /** Local commits GitHub associates with a PR (`commits/{sha}/pulls`): `owner/name@sha` → PR number. */
  commitPulls: Record<string, number>;
  /** Repositories GitHub answered 404 for (named in the draft; the others are still used). */
  missingRepos: string[];
}
