// Slack mrkdwn for posting: long drafts split into messages at section boundaries, channel names,
// and what each Slack error means for the user. Pure.

/**
 * Slack's limit for one message's `text` that it shows whole: it truncates `text` beyond 40,000
 * characters and recommends at most 4,000 (chat.postMessage, "Truncating content").
 */
export const MESSAGE_LIMIT = 4_000;

/** A section starts at a bold heading line (`*Shipped*`, how Cadence renders headings in mrkdwn). */
function isHeading(line: string): boolean {
  return /^\*[^*\s][^*]*\*\s*$/.test(line);
}

/** Cuts one piece longer than `limit` at line ends, then (a single long line) at spaces or hard. */
function cut(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let at = rest.lastIndexOf('\n', limit);
    if (at <= 0) at = rest.lastIndexOf(' ', limit);
    if (at <= 0) at = limit;
    // Never cut between the two halves of a surrogate pair.
    if (/[\uD800-\uDBFF]/.test(rest[at - 1] ?? '')) at--;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^[ \n]+/, '');
  }
  if (rest.trim() !== '') parts.push(rest);
  return parts;
}

/**
 * Splits mrkdwn into messages of at most `limit` characters: whole sections packed together in
 * order; a section longer than the limit is cut at line ends. Nothing is dropped but blank lines at
 * the cuts.
 */
export function splitMrkdwn(text: string, limit = MESSAGE_LIMIT): string[] {
  const sections: string[] = [];
  let current: string[] = [];
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (isHeading(line) && current.some((l) => l.trim() !== '')) {
      sections.push(current.join('\n'));
      current = [];
    }
    current.push(line);
  }
  sections.push(current.join('\n'));
  const messages: string[] = [];
  let message = '';
  for (const section of sections.map((s) => s.replace(/^\n+|\s+$/g, '')).filter((s) => s !== '')) {
    const joined = message === '' ? section : `${message}\n\n${section}`;
    if (joined.length <= limit) {
      message = joined;
      continue;
    }
    if (message !== '') messages.push(message);
    const pieces = cut(section, limit);
    message = pieces.pop() ?? '';
    messages.push(...pieces);
  }
  if (message !== '') messages.push(message);
  return messages;
}

/** `#team-updates` → `team-updates`; ids (C0123ABC) and plain names stay as they are. */
export function channelName(channel: string): string {
  return channel.trim().replace(/^#/, '');
}

/** Is this a conversation id (C…, G…, D…) rather than a name? */
export function isChannelId(channel: string): boolean {
  return /^[CGD][A-Z0-9]{6,}$/.test(channel.trim());
}

/** Why a Slack call failed, in the terms the user can act on. */
export type SlackProblem =
  | 'offline'
  | 'notConnected'
  | 'invalidAuth'
  | 'revoked'
  | 'missingScope'
  | 'rateLimited'
  | 'channelNotFound'
  | 'notInChannel'
  | 'other';

/** Maps a Web API `error` code (or a transport failure) to a problem. */
export function problemOf(code: string): SlackProblem {
  switch (code) {
    case 'not_authed':
    case 'invalid_auth':
    case 'account_inactive':
      return 'invalidAuth';
    case 'token_revoked':
    case 'token_expired':
      return 'revoked';
    case 'missing_scope':
    case 'no_permission':
      return 'missingScope';
    case 'ratelimited':
    case 'rate_limited':
      return 'rateLimited';
    case 'channel_not_found':
      return 'channelNotFound';
    case 'not_in_channel':
      return 'notInChannel';
    case 'offline':
      return 'offline';
    default:
      return 'other';
  }
}

/** One line for the user: what went wrong and what to do. `detail` is the raw code or message. */
export function problemText(problem: SlackProblem, detail = ''): string {
  switch (problem) {
    case 'offline':
      return `Slack could not be reached${detail ? ` (${detail})` : ''}`;
    case 'notConnected':
      return 'Slack is not connected: run "Cadence: Connect Slack"';
    case 'invalidAuth':
      return 'the Slack token is not valid: run "Cadence: Connect Slack" again';
    case 'revoked':
      return 'the Slack token was revoked: run "Cadence: Connect Slack" again';
    case 'missingScope':
      return `the Slack token lacks a scope${detail ? ` (${detail})` : ''}: add it to the Slack app and connect again`;
    case 'rateLimited':
      return `Slack is rate-limiting requests${detail ? ` (retry after ${detail} s)` : ''}`;
    case 'channelNotFound':
      return `Slack has no such channel${detail ? ` (${detail})` : ''}`;
    case 'notInChannel':
      return 'you are not a member of that channel: join it in Slack first';
    case 'other':
      return `Slack answered ${detail || 'with an error'}`;
  }
}

/** A Web API base or webhook URL Cadence will call: https, or plain http to this machine (tests). */
export function isAllowedSlackUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:') return true;
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}
