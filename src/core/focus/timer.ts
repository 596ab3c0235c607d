// The focus timer as a pure reducer over absolute timestamps. Nothing here counts ticks: the time
// left is always `endsAt - now`, so a sleeping laptop, a reloaded window or a second window all
// agree on when a block ends. Every window applies events to the latest shared state.
import type { FocusBlockRecord } from './history';

/** Where the timer is. `paused` remembers whether it paused a focus block or a break. */
export type FocusPhase = 'idle' | 'focus' | 'paused' | 'break';

/** The focus block being timed (kept while paused; gone when the block ends). */
export interface ActiveBlock {
  id: string;
  startedAt: number;
  /** Planned length including every extension. */
  plannedMinutes: number;
  /** Time spent paused so far, not counted as focus. */
  pausedMs: number;
  workspace?: string;
  branchAtStart?: string;
  /** The trusted local git folder the block started in: its branch and commits are the block's. */
  gitFolder?: string;
}

/** The shared timer state. Only absolute timestamps, never a countdown. */
export interface FocusState {
  phase: FocusPhase;
  /** Incremented on every change, so windows can tell a new state from one they have seen. */
  revision: number;
  block?: ActiveBlock;
  /** When the running focus block or break ends (phase focus or break). */
  endsAt?: number;
  /** Length of the running (or paused) break. */
  breakMinutes?: number;
  /** Phase paused: what was paused, when, and how much of it was left. */
  pausedFrom?: 'focus' | 'break';
  pausedAt?: number;
  pausedRemainingMs?: number;
}

/**
 * What a click was aimed at: the phase (and block) the user saw when the button was drawn. A click
 * from a stale tooltip or quick pick must not act on whatever runs now.
 */
export interface Expectation {
  phase: FocusPhase;
  blockId?: string;
}

export type FocusEvent =
  | { type: 'start'; id: string; minutes: number; workspace?: string; branch?: string; gitFolder?: string }
  | { type: 'pause'; expect?: Expectation }
  | { type: 'resume'; expect?: Expectation }
  | { type: 'extend'; minutes: number; expect?: Expectation }
  | { type: 'stop'; expect?: Expectation }
  | { type: 'startBreak'; minutes: number; expect?: Expectation }
  | { type: 'skipBreak'; expect?: Expectation }
  /** Time passed: ends a focus block or break whose `endsAt` is reached. */
  | { type: 'tick' };

/** A focus block that just ended, ready to become a history record. */
export type EndedBlock = Omit<FocusBlockRecord, 'branchAtEnd' | 'commits'> & {
  /** The trusted git folder the block started in: where its end branch and commits are read. */
  gitFolder?: string;
};

export interface Transition {
  state: FocusState;
  /** False when the event did not apply (e.g. pause while idle): nothing to write. */
  changed: boolean;
  /** Set when this transition ended a focus block (completed or stopped). */
  ended?: EndedBlock;
  /** Set when this transition ended a break (ran out, skipped or stopped). */
  breakEnded?: boolean;
  /** Set when this transition started a focus block. */
  started?: ActiveBlock;
  /** Set when the event expected another phase or block (a stale click): nothing changed. */
  conflict?: boolean;
}

const MINUTE = 60_000;

export const IDLE: FocusState = { phase: 'idle', revision: 0 };

/** Minutes are whole, at least 1, at most a day. */
export function clampMinutes(minutes: number): number {
  if (!Number.isFinite(minutes)) return 1;
  return Math.min(24 * 60, Math.max(1, Math.round(minutes)));
}

/**
 * How long the current focus block or break has left at `now`, in milliseconds. Clamped to the
 * phase's planned length, so a clock that goes backwards never shows more than was planned.
 */
export function remainingMs(state: FocusState, now: number): number {
  switch (state.phase) {
    case 'idle':
      return 0;
    case 'paused':
      return Math.max(0, state.pausedRemainingMs ?? 0);
    case 'focus':
    case 'break': {
      const total = (state.phase === 'focus' ? (state.block?.plannedMinutes ?? 0) : (state.breakMinutes ?? 0)) * MINUTE;
      return Math.min(total, Math.max(0, (state.endsAt ?? now) - now));
    }
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function endBlock(state: FocusState, endedAt: number, completed: boolean): EndedBlock {
  const block = state.block!;
  const end = Math.max(block.startedAt, endedAt);
  // Paused time does not count as focus; a block stopped while paused ended when it was paused.
  const focusedMs = Math.max(0, end - block.startedAt - block.pausedMs);
  return {
    id: block.id,
    startedAt: block.startedAt,
    endedAt: end,
    plannedMinutes: block.plannedMinutes,
    actualMinutes: round1(focusedMs / MINUTE),
    completed,
    ...(block.workspace !== undefined ? { workspace: block.workspace } : {}),
    ...(block.branchAtStart !== undefined ? { branchAtStart: block.branchAtStart } : {}),
    ...(block.gitFolder !== undefined ? { gitFolder: block.gitFolder } : {}),
  };
}

function idle(state: FocusState): FocusState {
  return { phase: 'idle', revision: state.revision + 1 };
}

/** Ends a focus block or break whose time is up. The end is `endsAt`, not `now`: after a sleep the
 * block ended when it was due, not when the machine woke up. */
function expire(state: FocusState, now: number): Transition | undefined {
  if (state.endsAt === undefined || now < state.endsAt) return undefined;
  if (state.phase === 'focus' && state.block) {
    return { state: idle(state), changed: true, ended: endBlock(state, state.endsAt, true) };
  }
  if (state.phase === 'break') return { state: idle(state), changed: true, breakEnded: true };
  return undefined;
}

const unchanged = (state: FocusState): Transition => ({ state, changed: false });

/** Does `state` still show what the click expected? */
export function meetsExpectation(state: FocusState, expect: Expectation): boolean {
  return state.phase === expect.phase && (expect.blockId === undefined || state.block?.id === expect.blockId);
}

function withoutExpectation(event: FocusEvent): FocusEvent {
  if (event.type === 'tick' || event.type === 'start' || !event.expect) return event;
  const { expect: _expect, ...rest } = event;
  return rest as FocusEvent;
}

/** The expectation for a button drawn now: the phase, and the block if one is under way. */
export function expectationOf(state: FocusState): Expectation {
  return state.block ? { phase: state.phase, blockId: state.block.id } : { phase: state.phase };
}

/**
 * The timer's state machine. Pure: the same state, event and `now` always give the same result.
 * Every event first lets time pass (a block that is due ends before a pause or extend applies), so
 * an event replayed on a newer state from another window never resurrects a finished block.
 */
export function next(state: FocusState, event: FocusEvent, now: number): Transition {
  // Checked against the state as written (before time passes): a click on a block that is due but
  // not yet ended still acts on that block.
  if (event.type !== 'tick' && event.type !== 'start' && event.expect && !meetsExpectation(state, event.expect))
    return { state, changed: false, conflict: true };
  const expired = expire(state, now);
  if (expired) {
    if (event.type === 'tick' || event.type === 'stop' || event.type === 'skipBreak') return expired;
    const after = next(expired.state, withoutExpectation(event), now);
    return { ...after, changed: true, ended: expired.ended, breakEnded: expired.breakEnded || after.breakEnded };
  }
  switch (event.type) {
    case 'tick':
      return unchanged(state);
    case 'start': {
      if (state.phase === 'focus' || (state.phase === 'paused' && state.pausedFrom === 'focus'))
        return unchanged(state);
      const minutes = clampMinutes(event.minutes);
      const block: ActiveBlock = {
        id: event.id,
        startedAt: now,
        plannedMinutes: minutes,
        pausedMs: 0,
        ...(event.workspace !== undefined ? { workspace: event.workspace } : {}),
        ...(event.branch !== undefined ? { branchAtStart: event.branch } : {}),
        ...(event.gitFolder !== undefined ? { gitFolder: event.gitFolder } : {}),
      };
      return {
        state: { phase: 'focus', revision: state.revision + 1, block, endsAt: now + minutes * MINUTE },
        changed: true,
        started: block,
        // Starting a block during a break ends the break.
        ...(state.phase !== 'idle' ? { breakEnded: true } : {}),
      };
    }
    case 'pause': {
      if (state.phase !== 'focus' && state.phase !== 'break') return unchanged(state);
      const { endsAt: _endsAt, ...rest } = state;
      return {
        state: {
          ...rest,
          phase: 'paused',
          revision: state.revision + 1,
          pausedFrom: state.phase,
          pausedAt: now,
          pausedRemainingMs: remainingMs(state, now),
        },
        changed: true,
      };
    }
    case 'resume': {
      if (state.phase !== 'paused' || !state.pausedFrom) return unchanged(state);
      const { pausedAt, pausedRemainingMs, pausedFrom, ...rest } = state;
      // A clock that went backwards while paused adds no paused time.
      const pausedFor = Math.max(0, now - (pausedAt ?? now));
      const block =
        pausedFrom === 'focus' && rest.block
          ? { ...rest.block, pausedMs: rest.block.pausedMs + pausedFor }
          : rest.block;
      return {
        state: {
          ...rest,
          ...(block ? { block } : {}),
          phase: pausedFrom,
          revision: state.revision + 1,
          endsAt: now + (pausedRemainingMs ?? 0),
        },
        changed: true,
      };
    }
    case 'extend': {
      const minutes = clampMinutes(event.minutes);
      const ms = minutes * MINUTE;
      const revision = state.revision + 1;
      const extendPlan = (s: FocusState): Partial<FocusState> =>
        (s.phase === 'paused' ? s.pausedFrom : s.phase) === 'focus' && s.block
          ? { block: { ...s.block, plannedMinutes: s.block.plannedMinutes + minutes } }
          : { breakMinutes: (s.breakMinutes ?? 0) + minutes };
      if (state.phase === 'focus' || state.phase === 'break') {
        return {
          state: { ...state, ...extendPlan(state), revision, endsAt: (state.endsAt ?? now) + ms },
          changed: true,
        };
      }
      if (state.phase === 'paused') {
        return {
          state: { ...state, ...extendPlan(state), revision, pausedRemainingMs: (state.pausedRemainingMs ?? 0) + ms },
          changed: true,
        };
      }
      return unchanged(state);
    }
    case 'stop': {
      if (state.phase === 'idle') return unchanged(state);
      const from = state.phase === 'paused' ? state.pausedFrom : state.phase;
      if (from === 'focus' && state.block) {
        const endedAt = state.phase === 'paused' ? (state.pausedAt ?? now) : now;
        return { state: idle(state), changed: true, ended: endBlock(state, endedAt, false) };
      }
      return { state: idle(state), changed: true, breakEnded: true };
    }
    case 'startBreak': {
      if (state.phase !== 'idle') return unchanged(state);
      const minutes = clampMinutes(event.minutes);
      return {
        state: { phase: 'break', revision: state.revision + 1, breakMinutes: minutes, endsAt: now + minutes * MINUTE },
        changed: true,
      };
    }
    case 'skipBreak': {
      const onBreak = state.phase === 'break' || (state.phase === 'paused' && state.pausedFrom === 'break');
      if (!onBreak) return unchanged(state);
      return { state: idle(state), changed: true, breakEnded: true };
    }
  }
}

/** Is a focus block or break under way (running or paused)? */
export function isActive(state: FocusState): boolean {
  return state.phase !== 'idle';
}

/** The phase as the user thinks of it: a paused break is still a break. */
export function effectivePhase(state: FocusState): 'idle' | 'focus' | 'break' {
  if (state.phase === 'paused') return state.pausedFrom ?? 'focus';
  return state.phase;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * `42m` while more than a minute is left, then `mm:ss`. Both round up, so the display never shows
 * less time than is left (the countdown convention: 0.4 s left is `00:01`). Rounded up, "1m" would
 * mean "at most a minute left", which is exactly when `mm:ss` takes over, so `2m` is followed by
 * `01:00` by design (review finding 15: checked, kept).
 */
export function formatRemaining(ms: number): string {
  if (ms > MINUTE) {
    // One way to write a duration everywhere: "42m", "1h 5m" (as the weekly update's Focus line).
    const minutes = Math.ceil(ms / MINUTE);
    return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
  }
  const seconds = Math.ceil(ms / 1000);
  return `${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;
}

/** The status-bar text for a state. Paused and on-break look different from a running block. */
export function statusText(state: FocusState, now: number): string {
  const left = formatRemaining(remainingMs(state, now));
  switch (state.phase) {
    case 'idle':
      return '$(watch) Focus';
    case 'focus':
      return `$(watch) ${left}`;
    case 'break':
      return `$(coffee) Break ${left}`;
    case 'paused':
      return `$(debug-pause) ${state.pausedFrom === 'break' ? 'Break ' : ''}${left} paused`;
  }
}

/** "42 minutes", "1 minute", "less than a minute": time left, as a screen reader should say it. */
export function minutesLeft(ms: number): string {
  const minutes = Math.ceil(ms / MINUTE);
  if (ms < MINUTE) return 'less than a minute';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * The status item's accessible label, read once and saying the useful thing: "Focus block, 42
 * minutes left, ends at 11:00"; "Break paused, 4 minutes left". `time` formats a clock time in the
 * user's locale (the adapter's business).
 */
export function accessibleStatus(state: FocusState, now: number, time: (at: number) => string): string {
  if (state.phase === 'idle') return 'Start a focus block';
  const what = (state.phase === 'paused' ? state.pausedFrom : state.phase) === 'break' ? 'Break' : 'Focus block';
  const left = minutesLeft(remainingMs(state, now));
  if (state.phase === 'paused') return `${what} paused, ${left} left`;
  return `${what}, ${left} left, ends at ${time(state.endsAt ?? now)}`;
}

/** Only running phases change their text over time; idle and paused need no timer at all. */
export function needsTicking(state: FocusState): boolean {
  return state.phase === 'focus' || state.phase === 'break';
}
