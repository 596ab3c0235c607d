// Slack through its official client, @slack/web-api (docs/decisions/0008): the calls Cadence makes,
// with bounded retries. The WebClient retries transport failures twice with a short backoff; a
// rate limit (HTTP 429) is waited out only when Slack's Retry-After is short, and at most twice —
// nothing is retried forever. Loaded lazily (its own bundle chunk), never at activation.
export { isAllowedSlackUrl } from '../../core/slack/messages';
import { ErrorCode, WebClient, type Logger, LogLevel } from '@slack/web-api';
import {
  channelName,
  isAllowedSlackUrl,
  isChannelId,
  problemOf,
  problemText,
  splitMrkdwn,
  type SlackProblem,
} from '../../core/slack/messages';
import type { SlackStatus, SnoozeInfo } from '../../core/slack/focus';

/** Slack's Web API base. */
export const SLACK_API_URL = 'https://slack.com/api/';

/** A failed Slack call: the problem (what the user can do) and Slack's own code. */
export class SlackCallError extends Error {
  constructor(
    readonly problem: SlackProblem,
    readonly code: string,
    detail = code,
  ) {
    super(problemText(problem, detail));
  }
}

export interface SlackClientOptions {
  token: string;
  /** The Web API base (`cadence.slack.apiUrl`, `--slack-api-url`); Slack's by default. */
  apiUrl?: string;
  /** A rate limit asking to wait longer than this is not waited out. */
  maxRetryAfterS?: number;
  /** How long one HTTP request may take. */
  timeoutMs?: number;
}

export interface SlackIdentity {
  user: string;
  userId: string;
  team: string;
  teamId: string;
}

export interface SlackChannel {
  id: string;
  name: string;
  isPrivate: boolean;
  isMember: boolean;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  /** The link to the first message (chat.getPermalink). */
  permalink: string;
  /** How many messages the text took. */
  parts: number;
}

/** The Slack calls Cadence makes. */
export interface SlackApi {
  authTest(): Promise<SlackIdentity>;
  dndInfo(): Promise<SnoozeInfo>;
  /** Snoozes notifications for `minutes`; returns when the snooze ends (Unix seconds). */
  setSnooze(minutes: number): Promise<number | undefined>;
  /** Ends the snooze; one that is no longer on is not an error. */
  endSnooze(): Promise<void>;
  getStatus(): Promise<SlackStatus>;
  setStatus(status: SlackStatus): Promise<void>;
  listChannels(): Promise<SlackChannel[]>;
  /** Posts mrkdwn, split at section boundaries into as many messages as Slack's limits need. */
  post(channel: string, text: string): Promise<PostedMessage>;
}

/** Slack's client logs nothing of ours (it redacts tokens, but nothing needs to be logged at all). */
const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Turns whatever the client threw into a SlackCallError. */
export function toSlackError(error: unknown): SlackCallError {
  if (error instanceof SlackCallError) return error;
  const coded = error as { code?: string; data?: { error?: string; needed?: string }; retryAfter?: number };
  switch (coded?.code) {
    case ErrorCode.PlatformError: {
      const code = coded.data?.error ?? 'unknown_error';
      const problem = problemOf(code);
      return new SlackCallError(
        problem,
        code,
        problem === 'missingScope' && coded.data?.needed ? coded.data.needed : code,
      );
    }
    case ErrorCode.RateLimitedError:
      return new SlackCallError('rateLimited', 'ratelimited', String(coded.retryAfter ?? ''));
    case ErrorCode.RequestError: {
      const original = (error as { original?: { cause?: { code?: string }; message?: string } }).original;
      return new SlackCallError('offline', 'offline', original?.cause?.code ?? original?.message ?? 'no connection');
    }
    case ErrorCode.HTTPError: {
      const status = (error as { statusCode?: number }).statusCode;
      return new SlackCallError('other', `http_${status}`, `HTTP ${status}`);
    }
    default:
      return new SlackCallError('other', 'unknown', error instanceof Error ? error.message : String(error));
  }
}

/** Runs a call; a short rate limit is waited out (at most twice), anything else is thrown as is. */
async function withRateLimit<T>(call: () => Promise<T>, maxRetryAfterS: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const slack = toSlackError(error);
      const retryAfter = (error as { retryAfter?: number }).retryAfter;
      if (slack.problem !== 'rateLimited' || attempt >= 2 || retryAfter === undefined || retryAfter > maxRetryAfterS)
        throw slack;
      await sleep(retryAfter * 1000);
    }
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A Slack client for one token and API base. */
export function createSlackApi(options: SlackClientOptions): SlackApi {
  const client = new WebClient(options.token, {
    slackApiUrl: options.apiUrl || SLACK_API_URL,
    logger: silent,
    // Transport failures: two more tries within about a second, then the error.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 800, randomize: false },
    // Rate limits come back to us (withRateLimit) instead of being waited out for any length.
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 15_000,
    // Only the configured base is ever called.
    allowAbsoluteUrls: false,
  });
  const maxRetryAfterS = options.maxRetryAfterS ?? 10;
  const call = <T>(run: () => Promise<T>) => withRateLimit(run, maxRetryAfterS);

  return {
    async authTest() {
      const r = await call(() => client.auth.test());
      return { user: str(r.user), userId: str(r.user_id), team: str(r.team), teamId: str(r.team_id) };
    },
    async dndInfo() {
      // The typed response leaves out the snooze fields a user token gets (documented for dnd.info).
      const r = (await call(() => client.dnd.info({}))) as { snooze_enabled?: boolean; snooze_endtime?: number };
      return {
        snoozeEnabled: r.snooze_enabled === true,
        ...(typeof r.snooze_endtime === 'number' ? { snoozeEndtime: r.snooze_endtime } : {}),
      };
    },
    async setSnooze(minutes) {
      const r = await call(() => client.dnd.setSnooze({ num_minutes: minutes }));
      return typeof r.snooze_endtime === 'number' ? r.snooze_endtime : undefined;
    },
    async endSnooze() {
      try {
        await call(() => client.dnd.endSnooze({}));
      } catch (error) {
        if (error instanceof SlackCallError && error.code === 'snooze_not_active') return;
        throw error;
      }
    },
    async getStatus() {
      const r = await call(() => client.users.profile.get({}));
      const profile = r.profile ?? {};
      return {
        text: str(profile.status_text),
        emoji: str(profile.status_emoji),
        expiration: typeof profile.status_expiration === 'number' ? profile.status_expiration : 0,
      };
    },
    async setStatus(status) {
      await call(() =>
        client.users.profile.set({
          profile: { status_text: status.text, status_emoji: status.emoji, status_expiration: status.expiration },
        }),
      );
    },
    async listChannels() {
      const channels: SlackChannel[] = [];
      let cursor: string | undefined;
      // At most 50 pages of 200: a workspace larger than that is searched by typing the name.
      for (let page = 0; page < 50; page++) {
        const r = await call(() =>
          client.conversations.list({
            types: 'public_channel,private_channel',
            exclude_archived: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        );
        for (const c of r.channels ?? []) {
          if (!c.id || !c.name) continue;
          channels.push({ id: c.id, name: c.name, isPrivate: c.is_private === true, isMember: c.is_member === true });
        }
        cursor = r.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return channels;
    },
    async post(channel, text) {
      const parts = splitMrkdwn(text);
      if (parts.length === 0) throw new SlackCallError('other', 'no_text', 'nothing to post (the draft is empty)');
      // A name (#team-updates) is looked up: chat.getPermalink needs the id, and Slack may not take names.
      let id = channel.trim();
      if (!isChannelId(id)) {
        const name = channelName(id);
        const found = (await this.listChannels()).find((c) => c.name === name);
        if (!found) throw new SlackCallError('channelNotFound', 'channel_not_found', `#${name}`);
        id = found.id;
      }
      let first: { channel: string; ts: string } | undefined;
      for (const part of parts) {
        const target = first?.channel ?? id;
        const r = await call(() => client.chat.postMessage({ channel: target, text: part, mrkdwn: true }));
        first ??= { channel: str(r.channel), ts: str(r.ts) };
      }
      const link = await call(() => client.chat.getPermalink({ channel: first!.channel, message_ts: first!.ts }));
      return { ...first!, permalink: str(link.permalink), parts: parts.length };
    },
  };
}

/**
 * Posts mrkdwn to an incoming webhook, split like `post`. Webhooks answer `ok` or an error word
 * (`no_service`, `invalid_payload`, …) and return no message, so there is no link to give.
 */
export async function postToWebhook(url: string, text: string, options: { timeoutMs?: number } = {}): Promise<number> {
  if (!isAllowedSlackUrl(url)) throw new SlackCallError('other', 'bad_url', 'a webhook URL must start with https://');
  const parts = splitMrkdwn(text);
  if (parts.length === 0) throw new SlackCallError('other', 'no_text', 'nothing to post (the draft is empty)');
  for (const part of parts) {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ text: part, mrkdwn: true }),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        throw new SlackCallError(
          'offline',
          'offline',
          cause ?? (error instanceof Error ? error.message : 'no connection'),
        );
      }
      const body = (await response.text()).trim();
      if (response.ok) break;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (response.status === 429 && attempt < 2 && Number.isFinite(retryAfter) && retryAfter <= 10) {
        await sleep(retryAfter * 1000);
        continue;
      }
      const code = response.status === 429 ? 'ratelimited' : body.slice(0, 60) || `http_${response.status}`;
      throw new SlackCallError(problemOf(code), code, response.status === 429 ? String(retryAfter || '') : code);
    }
  }
  return parts.length;
}
