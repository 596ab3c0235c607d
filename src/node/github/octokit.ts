// The one Octokit client of Cadence: real Octokit with the throttling and retry plugins, bounded
// retries, and every failure turned into a status and one line (never the token, never a stack).
// Used by the weekly draft's evidence (client.ts) and by Publish (publish.ts); both are in the lazy
// github.js chunk, so activation never loads Octokit.
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck/light.js';
import type { GithubStatus } from '../../core/weekly/model';

export const Client = Octokit.plugin(throttling, retry);
export type Client = InstanceType<typeof Client>;

/** What every request to GitHub needs. */
export interface ClientOptions {
  token: string;
  /** REST API base: https://api.github.com, https://HOST/api/v3, a proxy or a test server. */
  apiUrl: string;
  signal?: AbortSignal;
  /** Scale of the waits between retries, in ms per second GitHub asks for (tests make it small). */
  retryUnitMs?: number;
  /** Counts HTTP requests (the benchmark reports it). */
  onRequest?: () => void;
}

/** A GitHub failure as the draft reports it: the status and one line without any token. */
export class GithubUnavailable extends Error {
  constructor(
    readonly status: Exclude<GithubStatus['status'], 'ok' | 'off'>,
    message: string,
  ) {
    super(message);
  }
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

// GitHub allows 30 searches a minute; a draft makes about ten, so they go one at a time without the
// plugin's default two-second spacing (a secondary limit is still retried by the plugin).
const searchGroup = new Bottleneck.Group({ maxConcurrent: 1, minTime: 100 });

export function client(request: ClientOptions): Client {
  const unit = request.retryUnitMs ?? 1000;
  const octokit = new Client({
    auth: request.token,
    baseUrl: request.apiUrl.replace(/\/+$/, ''),
    userAgent: 'cadence-weekly',
    log: silent,
    request: { signal: request.signal },
    throttle: {
      search: searchGroup,
      retryAfterBaseValue: unit,
      // A used-up primary limit resets in up to an hour: report it instead of waiting.
      onRateLimit: () => false,
      // A secondary limit asks for a short pause: wait it out twice, then report it.
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < 2 && retryAfter <= 120,
    },
    retry: { retries: 2, retryAfterBaseValue: Math.max(1, unit / 2) },
  });
  if (request.onRequest) {
    const count = request.onRequest;
    octokit.hook.before('request', () => count());
  }
  return octokit;
}

export interface ApiError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
  cause?: unknown;
}

function timeOf(epochSeconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(epochSeconds * 1000));
}

/** Turns any failure into a status and one line for the draft (never the token, never a stack). */
export function describeFailure(error: unknown, timeZone = 'UTC'): GithubUnavailable {
  if (error instanceof GithubUnavailable) return error;
  const e = (error ?? {}) as ApiError;
  const status = typeof e.status === 'number' ? e.status : 0;
  const headers = e.response?.headers ?? {};
  const text = String(e.message ?? error).split('\n')[0];
  if (!e.response && (status === 500 || status === 0)) {
    if ((error as Error)?.name === 'AbortError')
      return new GithubUnavailable('error', 'GitHub was not asked: cancelled');
    return new GithubUnavailable('offline', `GitHub could not be reached (${text})`);
  }
  if (status === 401) return new GithubUnavailable('unauthorized', 'GitHub rejected the token (401 Bad credentials)');
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(text))
    return new GithubUnavailable('rate-limited', 'GitHub’s secondary rate limit was hit; try again in a few minutes');
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${timeOf(reset, timeZone)}` : '';
    return new GithubUnavailable('rate-limited', `GitHub’s rate limit is used up${when}`);
  }
  if (status >= 500) return new GithubUnavailable('error', `GitHub answered ${status} (${text})`);
  return new GithubUnavailable('error', `GitHub answered ${status || 'an error'} (${text})`);
}
