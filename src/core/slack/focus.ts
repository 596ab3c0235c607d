// What Cadence asks of Slack during a focus block, and what it may undo afterwards. Pure: times are
// passed in (milliseconds for Cadence's clock, seconds where Slack counts in Unix seconds).

/** `cadence.slack.focus`: nothing, notifications snoozed, or snoozed plus a status. */
export type SlackFocusMode = 'off' | 'dnd' | 'dndAndStatus';
export const SLACK_FOCUS_MODES: readonly SlackFocusMode[] = ['off', 'dnd', 'dndAndStatus'];

/** A user's Slack status as `users.profile.get` returns it. `expiration` is Unix seconds, 0 = never. */
export interface SlackStatus {
  text: string;
  emoji: string;
  expiration: number;
}

export const NO_STATUS: SlackStatus = { text: '', emoji: '', expiration: 0 };

/** Slack keeps at most 100 characters of status text. */
export const STATUS_TEXT_MAX = 100;

/**
 * The status text for a block ending at `endMs`: `{end}` becomes the end time as `formatTime`
 * writes it (the user's locale), cut to Slack's 100 characters.
 */
export function statusText(template: string, endMs: number, formatTime: (ms: number) => string): string {
  const text = template.replace(/\{end\}/g, () => formatTime(endMs)).trim();
  return [...text].slice(0, STATUS_TEXT_MAX).join('');
}

/** The Slack status Cadence sets for a block ending at `endMs`; it expires with the block. */
export function focusStatus(
  settings: { statusText: string; statusEmoji: string },
  endMs: number,
  formatTime: (ms: number) => string,
): SlackStatus {
  return {
    text: statusText(settings.statusText, endMs, formatTime),
    emoji: settings.statusEmoji.trim(),
    expiration: toSlackSeconds(endMs),
  };
}

/** Milliseconds to Slack's Unix seconds, rounded up (a status never expires before the block ends). */
export function toSlackSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** `dnd.setSnooze`'s `num_minutes` for a block with `remainingMs` left: whole minutes, at least 1. */
export function snoozeMinutes(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}

export function sameStatus(a: SlackStatus, b: SlackStatus): boolean {
  return a.text === b.text && a.emoji === b.emoji;
}

/** Slack clears an expired status by itself, at about its expiration; this much either side counts. */
export const EXPIRY_SLACK_S = 90;

/**
 * May Cadence put the user's previous status back? Only when the status is still the one Cadence set
 * (the user did not change it meanwhile), or it is empty because Slack cleared ours when it expired
 * (the block ran to its end). A status the user set during the block is theirs: it stays.
 */
export function mayRestoreStatus(current: SlackStatus, set: SlackStatus, nowMs: number): boolean {
  if (sameStatus(current, set)) return true;
  const empty = current.text === '' && current.emoji === '';
  return empty && set.expiration > 0 && toSlackSeconds(nowMs) >= set.expiration - EXPIRY_SLACK_S;
}

/** The status to put back: the previous one, or none when the previous one has expired meanwhile. */
export function statusToRestore(previous: SlackStatus, nowMs: number): SlackStatus {
  if (previous.expiration > 0 && previous.expiration <= toSlackSeconds(nowMs)) return NO_STATUS;
  return previous;
}

/** `dnd.info` as far as undoing a snooze needs it. */
export interface SnoozeInfo {
  snoozeEnabled: boolean;
  /** Unix seconds. */
  snoozeEndtime?: number;
}

/**
 * May Cadence end the snooze? Only one Cadence started (the user had none when the block began),
 * that is still on, and still ends when Cadence said (within a minute and a half: Slack counts in
 * minutes). A snooze the user ended, or set again for another time, is theirs.
 */
export function mayEndSnooze(startedByCadence: boolean, info: SnoozeInfo, setUntilS: number | undefined): boolean {
  if (!startedByCadence || !info.snoozeEnabled) return false;
  if (setUntilS === undefined || info.snoozeEndtime === undefined) return true;
  return Math.abs(info.snoozeEndtime - setUntilS) <= EXPIRY_SLACK_S;
}

/** The part of a focus block's journal entry that says what Cadence did in Slack. */
export interface SlackEffect {
  mode: 'dnd' | 'dndAndStatus';
  /** The block end (ms) Slack shows now; undefined while nothing is set (paused, or not yet applied). */
  appliedUntil?: number;
  /** The user had no snooze when the block began, so Cadence's snooze is Cadence's to end. */
  dndByCadence?: boolean;
  /** When Cadence's snooze ends (Unix seconds), written before the call. */
  snoozeUntil?: number;
  /** The user's status before the block (restored only under `mayRestoreStatus`). */
  previous?: SlackStatus;
  /** The status Cadence set last, written before the call. */
  status?: SlackStatus;
}

/** What Slack should show for a block: set until `until` (ms), or nothing (paused, ended). */
export type SlackTarget = { set: true; until: number } | { set: false };

/** What Slack should show for the timer now: the block's end while it runs, nothing while paused. */
export function slackTarget(
  timer: { phase: string; endsAt?: number; block?: { id: string } },
  blockId: string,
): SlackTarget {
  if (timer.phase === 'focus' && timer.block?.id === blockId && timer.endsAt !== undefined)
    return { set: true, until: timer.endsAt };
  return { set: false };
}

/** Does the effect need a call to match the target? */
export function needsSync(effect: SlackEffect, target: SlackTarget): boolean {
  return target.set ? effect.appliedUntil !== target.until : effect.appliedUntil !== undefined;
}
