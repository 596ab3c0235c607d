// The GitHub client: real Octokit with the throttling and retry plugins, paging with
// `octokit.paginate`. Loaded lazily (its own bundle chunk, dist/github.js) so activation never pays
// for Octokit. It reads what the draft needs and reduces the answers to the shapes in
// core/weekly/github; the mapping onto the draft is pure code there.
import {
  type GhIssue,
  type GhOpenPull,
  type GhPull,
  type GhReview,
  type GithubEvidence,
  searchQueries,
  splitRef,
} from '../../core/weekly/github';
import { closingRefsToFetch } from '../../core/weekly/githubDraft';
import type { TimeWindow } from '../../core/weekly/model';
import { type ApiError, type Client, client, type ClientOptions, describeFailure, GithubUnavailable } from './octokit';

export { describeFailure, GithubUnavailable } from './octokit';
// Publish shares this chunk (and its one copy of Octokit).
export { listPlaces, PublishFailed, publishFailure, publishUpdate } from './publish';

/** A local commit that may belong to one of the user's PRs, asked about only when needed. */
export interface CommitCandidate {
  repo: string;
  sha: string;
  /** The PR its subject or merge commit names, if any. */
  pr: number | null;
}

export interface GithubRequest extends ClientOptions {
  /** The web host whose remotes this API serves (github.com, an Enterprise host). */
  host: string;
  window: TimeWindow;
  /** `--github-user`: for tokens that cannot read `GET /user` (a GitHub Actions token). */
  login?: string | null;
  candidates?: CommitCandidate[];
  /** Repositories named in settings or flags (`owner/name`); a 404 names them in the draft. */
  repos?: string[];
  /** How often and how long to ask again while GitHub computes `mergeable`. */
  mergeableRetries?: number;
  mergeableDelayMs?: number;
}

const CONCURRENCY = 6;
/** At most this many local commits are looked up with `commits/{sha}/pulls` per draft. */
const MAX_COMMIT_LOOKUPS = 30;
type Item = Record<string, unknown> & {
  number: number;
  title: string;
  html_url: string;
  state: string;
  body?: string | null;
  draft?: boolean;
  user?: { login?: string } | null;
  labels?: (string | { name?: string })[];
  created_at: string;
  closed_at?: string | null;
  repository_url?: string;
  pull_request?: { merged_at?: string | null } | null;
  milestone?: { title: string; due_on: string | null } | null;
};

const ms = (text: string | null | undefined) => (text ? Date.parse(text) : null);

function repoFromApiUrl(url: string): string {
  const parts = url.split('/');
  return `${parts[parts.length - 2]}/${parts[parts.length - 1]}`;
}

/** What a search item says of a pull request and of an issue alike. */
function itemFields(item: Item, repo: string) {
  return {
    repo,
    number: item.number,
    title: item.title,
    url: item.html_url,
    state: item.state === 'open' ? ('open' as const) : ('closed' as const),
  };
}

function toPull(item: Item, repo = repoFromApiUrl(item.repository_url ?? '')): GhPull {
  return {
    ...itemFields(item, repo),
    author: item.user?.login ?? '',
    draft: item.draft === true,
    body: item.body ?? '',
    labels: (item.labels ?? []).map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
    createdAt: ms(item.created_at) ?? 0,
    mergedAt: ms(item.pull_request?.merged_at ?? (item.merged_at as string | null | undefined)),
  };
}

function toIssue(item: Item, repo = repoFromApiUrl(item.repository_url ?? '')): GhIssue {
  return {
    ...itemFields(item, repo),
    closedAt: ms(item.closed_at),
    milestone: item.milestone ? { title: item.milestone.title, dueOn: item.milestone.due_on } : null,
  };
}

/** Runs `work` over `items`, a few at a time, keeping order. */
async function pool<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return out;
}

const isNotFound = (error: unknown) => (error as ApiError)?.status === 404;

/** Reads the user's week from GitHub. Throws GithubUnavailable (status + one line) on failure. */
export async function fetchGithubEvidence(request: GithubRequest): Promise<GithubEvidence> {
  try {
    return await read(request);
  } catch (error) {
    throw describeFailure(error, request.window.timeZone);
  }
}

async function read(request: GithubRequest): Promise<GithubEvidence> {
  const octokit = client(request);
  const { window } = request;
  let login = request.login ?? null;
  if (!login) {
    try {
      login = (await octokit.request('GET /user')).data.login;
    } catch (error) {
      const status = (error as ApiError).status;
      const limited =
        (error as ApiError).response?.headers?.['x-ratelimit-remaining'] === '0' ||
        /rate limit/i.test(String((error as ApiError).message));
      if (status === 403 && !limited)
        throw new GithubUnavailable(
          'error',
          'the token cannot read the signed-in user (GET /user); name the user with --github-user LOGIN',
        );
      throw error;
    }
  }
  const queries = searchQueries(window, login);
  const search = (q: string) => octokit.paginate('GET /search/issues', { q, per_page: 100 }) as Promise<Item[]>;
  const [mergedItems, reviewedItems, openItems, requestedItems, assignedItems] = await Promise.all([
    search(queries.merged),
    search(queries.reviewed),
    search(queries.open),
    search(queries.requested),
    search(queries.assigned),
  ]);
  const merged = mergedItems.map((item) => toPull(item)).filter((pull) => pull.mergedAt !== null);
  const missing = new Set<string>();
  const perRepo = async <T>(repo: string, fallback: T, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      missing.add(repo);
      return fallback;
    }
  };

  const reviewedPulls = reviewedItems
    .map((item) => toPull(item))
    .filter((pull) => pull.author.toLowerCase() !== login.toLowerCase());
  const reviewed = await pool(reviewedPulls, async (pull) => {
    const [owner, repo] = pull.repo.split('/');
    const reviews = await perRepo(pull.repo, [] as GhReview[], async () =>
      (
        await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pull.number, per_page: 100 })
      ).map((review): GhReview => ({
        user: review.user?.login ?? '',
        state: review.state,
        submittedAt: ms(review.submitted_at),
      })),
    );
    return { pull, reviews };
  });

  const openPulls = openItems.map((item) => toPull(item));
  const open = (
    await pool(openPulls, (pull) => perRepo(pull.repo, null, () => readOpenPull(octokit, pull, request)))
  ).filter((item): item is GhOpenPull => item !== null);

  const closing = (
    await pool(closingRefsToFetch(merged, window.start, window.end), async (ref) => {
      const { repo, number } = splitRef(ref);
      const [owner, name] = repo.split('/');
      try {
        const { data } = await octokit.rest.issues.get({ owner, repo: name, issue_number: number });
        return data.pull_request ? null : toIssue(data as unknown as Item, repo);
      } catch (error) {
        if (isNotFound(error)) return null; // a typo in a PR body is not a missing repository
        throw error;
      }
    })
  ).filter((issue): issue is GhIssue => issue !== null);

  const commitPulls: Record<string, number> = {};
  const lookups = commitLookups(request.candidates ?? [], merged);
  await pool(lookups, async (candidate) => {
    const [owner, repo] = candidate.repo.split('/');
    const pulls = await perRepo(
      candidate.repo,
      [],
      async () =>
        (await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: candidate.sha }))
          .data,
    );
    const pull = pulls.find((p) => p.merged_at && p.user?.login?.toLowerCase() === login.toLowerCase()) ?? pulls[0];
    if (pull) commitPulls[`${candidate.repo.toLowerCase()}@${candidate.sha}`] = pull.number;
  });

  for (const repo of request.repos ?? []) {
    const [owner, name] = repo.split('/');
    await perRepo(repo, null, async () => (await octokit.rest.repos.get({ owner, repo: name })).data);
  }

  return {
    login,
    host: request.host,
    merged,
    reviewed,
    open,
    requested: requestedItems.map((item) => toPull(item)),
    assigned: assignedItems.map((item) => toIssue(item)),
    closing,
    commitPulls,
    missingRepos: [...missing].sort(),
  };
}

/**
 * Local commits worth asking GitHub about: those without a PR number, in repositories where one of
 * the user's merged PRs is not matched by number yet (a rebase merge leaves no "(#N)").
 */
export function commitLookups(candidates: readonly CommitCandidate[], merged: readonly GhPull[]): CommitCandidate[] {
  const out: CommitCandidate[] = [];
  for (const candidate of candidates) {
    if (candidate.pr !== null) continue;
    const repo = candidate.repo.toLowerCase();
    const numbered = new Set(candidates.filter((c) => c.repo.toLowerCase() === repo).map((c) => c.pr));
    const unmatched = merged.some((pull) => pull.repo.toLowerCase() === repo && !numbered.has(pull.number));
    if (unmatched && out.length < MAX_COMMIT_LOOKUPS) out.push(candidate);
  }
  return out;
}

async function readOpenPull(octokit: Client, pull: GhPull, request: GithubRequest): Promise<GhOpenPull> {
  const [owner, repo] = pull.repo.split('/');
  const retries = request.mergeableRetries ?? 3;
  const delay = request.mergeableDelayMs ?? 1000;
  // GitHub answers `mergeable: null` while it computes the merge; ask again a bounded number of times.
  let detail = (await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })).data;
  for (let attempt = 0; detail.mergeable === null && attempt < retries; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    detail = (await octokit.rest.pulls.get({ owner, repo, pull_number: pull.number })).data;
  }
  const sha = detail.head.sha;
  const [reviews, checks, status] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pull.number, per_page: 100 }),
    octokit.paginate(octokit.rest.checks.listForRef, { owner, repo, ref: sha, per_page: 100 }),
    octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100 }),
  ]);
  return {
    pull: { ...pull, draft: detail.draft === true, labels: detail.labels.map((label) => label.name) },
    headRef: detail.head.ref,
    headSha: sha,
    baseRef: detail.base.ref,
    mergeable: detail.mergeable,
    requestedReviewers: (detail.requested_reviewers?.length ?? 0) + (detail.requested_teams?.length ?? 0),
    reviews: reviews.map((review) => ({
      user: review.user?.login ?? '',
      state: review.state,
      submittedAt: ms(review.submitted_at),
    })),
    checks: checks.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion })),
    statuses: status.data.statuses.map((s) => ({ context: s.context, state: s.state })),
  };
}
