// A small Slack-compatible Web API server for tests (Node http on 127.0.0.1). It answers the
// methods Cadence calls with the shapes Slack documents: HTTP 200 with `{ ok: true, … }` or
// `{ ok: false, error }`, `missing_scope` with `needed`/`provided`, and HTTP 429 with Retry-After
// and `{ ok: false, error: "ratelimited" }`. Tokens are checked from the Authorization header (or a
// `token` form field) as Slack does. It keeps one user's snooze, status and the channels' messages,
// and records every call, so a test can see what the real @slack/web-api client sent.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export const USER_SCOPES = [
  'dnd:read',
  'dnd:write',
  'users.profile:read',
  'users.profile:write',
  'chat:write',
  'channels:read',
  'groups:read',
];

const NEEDED: Record<string, string> = {
  'auth.test': '',
  'dnd.info': 'dnd:read',
  'dnd.setSnooze': 'dnd:write',
  'dnd.endSnooze': 'dnd:write',
  'users.profile.get': 'users.profile:read',
  'users.profile.set': 'users.profile:write',
  'chat.postMessage': 'chat:write',
  'chat.getPermalink': '',
  'conversations.list': 'channels:read',
};

export interface Call {
  method: string;
  params: Record<string, string>;
  at: number;
}

export interface Channel {
  id: string;
  name: string;
  is_private?: boolean;
  is_member?: boolean;
}

export interface Posted {
  channel: string;
  ts: string;
  text: string;
}

/** A failure to answer the next calls of one method with (or every method with `*`). */
export interface Failure {
  /** Web API error code (HTTP 200, ok:false). */
  error?: string;
  /** HTTP status (429 for a rate limit) and Retry-After seconds. */
  status?: number;
  retryAfter?: number;
  /** Drop the connection without an answer (as when offline). */
  hangUp?: boolean;
  /** How many calls it applies to (default: every one until cleared). */
  times?: number;
}

export class SlackTestServer {
  readonly calls: Call[] = [];
  readonly messages: Posted[] = [];
  readonly webhookPosts: string[] = [];
  /** Tokens Slack knows and their state. */
  readonly tokens = new Map<string, 'ok' | 'revoked'>();
  scopes = [...USER_SCOPES];
  status = { status_text: '', status_emoji: '', status_expiration: 0 };
  snooze: { endtime: number } | undefined;
  channels: Channel[] = [];
  /** Page size of conversations.list when the caller asks for more (to exercise cursors). */
  pageSize = 2;
  private readonly failures = new Map<string, Failure>();
  private server: http.Server | undefined;
  private seq = 0;
  url = '';

  constructor(token = 'xoxp-test-token') {
    this.tokens.set(token, 'ok');
  }

  /** Starts on a free loopback port; `url` is the Web API base (`http://127.0.0.1:P/api/`). */
  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  get webhookUrl(): string {
    return this.url.replace(/api\/$/, 'services/T000/B000/hook');
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  fail(method: string, failure: Failure): void {
    this.failures.set(method, failure);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  private takeFailure(method: string): Failure | undefined {
    for (const key of [method, '*']) {
      const failure = this.failures.get(key);
      if (!failure) continue;
      if (failure.times !== undefined) {
        failure.times--;
        if (failure.times <= 0) this.failures.delete(key);
      }
      return failure;
    }
    return undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path.startsWith('/services/')) return this.webhook(body, res);
    const method = path.replace(/^\/api\//, '');
    const params: Record<string, string> = {};
    if ((req.headers['content-type'] ?? '').includes('application/json')) {
      for (const [k, v] of Object.entries(JSON.parse(body || '{}') as Record<string, unknown>))
        params[k] = typeof v === 'string' ? v : JSON.stringify(v);
    } else {
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    }
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? params.token;
    const { token: _token, ...logged } = params;
    this.calls.push({ method, params: logged, at: Date.now() });

    const failure = this.takeFailure(method);
    if (failure?.hangUp) {
      req.socket.destroy();
      return;
    }
    if (failure?.status === 429) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(failure.retryAfter ?? 1) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const send = (payload: Record<string, unknown>) => {
      res.writeHead(failure?.status ?? 200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(payload));
    };
    if (failure?.error) return send({ ok: false, error: failure.error });
    if (!(method in NEEDED)) return send({ ok: false, error: 'unknown_method' });
    if (!auth) return send({ ok: false, error: 'not_authed' });
    const state = this.tokens.get(auth);
    if (state === undefined) return send({ ok: false, error: 'invalid_auth' });
    if (state === 'revoked') return send({ ok: false, error: 'token_revoked' });
    const needed = NEEDED[method];
    if (needed && !this.scopes.includes(needed))
      return send({ ok: false, error: 'missing_scope', needed, provided: this.scopes.join(',') });
    send(this.answer(method, params));
  }

  private now(): number {
    return Math.floor(Date.now() / 1000);
  }

  private snoozeFields(): Record<string, unknown> {
    const now = this.now();
    if (this.snooze && this.snooze.endtime <= now) this.snooze = undefined;
    return this.snooze
      ? { snooze_enabled: true, snooze_endtime: this.snooze.endtime, snooze_remaining: this.snooze.endtime - now }
      : { snooze_enabled: false };
  }

  /** The status as Slack shows it: an expired one is gone. */
  currentStatus(): { status_text: string; status_emoji: string; status_expiration: number } {
    const { status_expiration } = this.status;
    if (status_expiration > 0 && status_expiration <= this.now())
      this.status = { status_text: '', status_emoji: '', status_expiration: 0 };
    return this.status;
  }

  private answer(method: string, params: Record<string, string>): Record<string, unknown> {
    const dnd = { dnd_enabled: false, next_dnd_start_ts: 1, next_dnd_end_ts: 1 };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://cadence-test.slack.com/',
          team: 'Cadence Test',
          user: 'ada',
          team_id: 'T0CADENCE',
          user_id: 'U0ADA',
        };
      case 'dnd.info':
        return { ok: true, ...dnd, ...this.snoozeFields() };
      case 'dnd.setSnooze': {
        const minutes = Number(params.num_minutes);
        if (!Number.isInteger(minutes) || minutes < 1) return { ok: false, error: 'invalid_arguments' };
        this.snooze = { endtime: this.now() + minutes * 60 };
        return { ok: true, ...this.snoozeFields() };
      }
      case 'dnd.endSnooze':
        if (!this.snoozeFields().snooze_enabled) return { ok: false, error: 'snooze_not_active' };
        this.snooze = undefined;
        return { ok: true, ...dnd, snooze_enabled: false };
      case 'users.profile.get':
        return { ok: true, profile: { real_name: 'Ada', display_name: 'ada', ...this.currentStatus() } };
      case 'users.profile.set': {
        let profile: Record<string, unknown>;
        try {
          profile = JSON.parse(params.profile ?? '{}') as Record<string, unknown>;
        } catch {
          return { ok: false, error: 'invalid_profile' };
        }
        const text = String(profile.status_text ?? '');
        if ([...text].length > 100) return { ok: false, error: 'too_long' };
        this.status = {
          status_text: text,
          status_emoji: String(profile.status_emoji ?? ''),
          status_expiration: Number(profile.status_expiration ?? 0) || 0,
        };
        return { ok: true, profile: { real_name: 'Ada', display_name: 'ada', ...this.status } };
      }
      case 'chat.postMessage': {
        const channel = this.findChannel(params.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (channel.is_member === false) return { ok: false, error: 'not_in_channel' };
        const text = params.text ?? '';
        if (text.trim() === '') return { ok: false, error: 'no_text' };
        if (text.length > 40_000) return { ok: false, error: 'msg_too_long' };
        const ts = `${this.now()}.${String(++this.seq).padStart(6, '0')}`;
        this.messages.push({ channel: channel.id, ts, text });
        return { ok: true, channel: channel.id, ts, message: { type: 'message', user: 'U0ADA', text, ts } };
      }
      case 'chat.getPermalink': {
        const message = this.messages.find((m) => m.channel === params.channel && m.ts === params.message_ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        return {
          ok: true,
          channel: message.channel,
          permalink: `https://cadence-test.slack.com/archives/${message.channel}/p${message.ts.replace('.', '')}`,
        };
      }
      case 'conversations.list': {
        const start = Number(params.cursor ? Buffer.from(params.cursor, 'base64').toString('utf8') : 0) || 0;
        const limit = Math.min(Number(params.limit) || 100, this.pageSize);
        const page = this.channels.slice(start, start + limit);
        const next = start + limit < this.channels.length ? Buffer.from(String(start + limit)).toString('base64') : '';
        return {
          ok: true,
          channels: page.map((c) => ({
            id: c.id,
            name: c.name,
            is_channel: !c.is_private,
            is_group: false,
            is_private: c.is_private === true,
            is_archived: false,
            is_member: c.is_member !== false,
          })),
          response_metadata: { next_cursor: next },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private findChannel(channel: string): Channel | undefined {
    const name = channel.replace(/^#/, '');
    return this.channels.find((c) => c.id === channel || c.name === name);
  }

  /** Incoming webhooks answer plain text: `ok`, or an error word with a 4xx status. */
  private webhook(body: string, res: http.ServerResponse): void {
    const failure = this.takeFailure('webhook');
    if (failure?.status === 429) {
      res.writeHead(429, { 'retry-after': String(failure.retryAfter ?? 1) });
      res.end('rate_limited');
      return;
    }
    if (failure?.error) {
      res.writeHead(failure.status ?? 404);
      res.end(failure.error);
      return;
    }
    let text: unknown;
    try {
      text = (JSON.parse(body) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string' || text.trim() === '') {
      res.writeHead(400);
      res.end('invalid_payload');
      return;
    }
    this.webhookPosts.push(text);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('ok');
  }
}
