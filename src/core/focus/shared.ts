// The record every window of one VS Code shares (one JSON file in the global storage folder, see
// docs/decisions/0005): the timer, the side-effect journal, the leader's heartbeat and the
// "already done today" marks. Writers apply their change to the latest record under a lock, so an
// event from a window that saw an older state is re-applied to the newer one, never lost or doubled.
import type { SlackEffect } from '../slack/focus';
import { IDLE, next, type EndedBlock, type FocusEvent, type FocusState, type Transition } from './timer';

/**
 * A side effect Cadence made and must undo exactly once: notification Do Not Disturb, the user's
 * start hooks (whose "undo" is running the end hooks), or Slack's snooze and status.
 */
export interface JournalEntry {
  id: string;
  kind: 'doNotDisturb' | 'hooks' | 'slack';
  /** The block the effect belongs to; undone when that block is no longer under way. */
  blockId: string;
  appliedAt: number;
  /** The window (extension host) that made it, which is the best one to undo it. */
  appliedBy: string;
  /** The window UI it was made in (vscode.env.sessionId when real): outlives an extension host restart. */
  appliedByUi?: string;
  /** When the block ended (written with the write that ended it). */
  blockEndedAt?: number;
  undoneAt?: number;
  undoneBy?: string;
  /** The effect could not be made (e.g. the toggle failed): there is nothing to undo. */
  failed?: boolean;
  /** Kind `slack`: what Cadence set in Slack and what it found there before. */
  slack?: SlackEffect;
}

/** A block that ended, waiting to be appended to the history file (cleared once it is). */
export type PendingRecord = EndedBlock;

/** The window that performs timed transitions and side effects. */
export interface LeaderRecord {
  windowId: string;
  heartbeatAt: number;
  /** Whether the leader window had focus at its last heartbeat. */
  focused: boolean;
}

export interface SharedFocus {
  /** Incremented on every write of the file (heartbeats included). */
  seq: number;
  /** Random, set when the record is created: tells a reset file (seq restarting) from an old write. */
  epoch?: string;
  timer: FocusState;
  journal: JournalEntry[];
  leader?: LeaderRecord;
  /** Keys of scheduled windows already proposed (most recent last). */
  proposed: string[];
  /** The local day (YYYY-MM-DD) the end-of-workday notice was last shown. */
  workdayNoticeDay?: string;
  /** Ended blocks not yet in the history file: written with the end, so a crash loses none. */
  pendingHistory?: PendingRecord[];
  /** When each window UI (session id) was first seen: a restarted extension host keeps its UI's time. */
  uiSeen?: Record<string, number>;
}

export const EMPTY_SHARED: SharedFocus = { seq: 0, timer: IDLE, journal: [], proposed: [] };

/** A leader that has not beaten for this long is presumed gone. */
export const LEADER_TTL_MS = 6_000;
/** How often the leader renews its heartbeat while a block or break runs. */
export const HEARTBEAT_MS = 2_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const PHASES = new Set(['idle', 'focus', 'paused', 'break']);

function parseTimer(value: unknown): FocusState | undefined {
  if (!isObject(value) || !PHASES.has(value.phase as string)) return undefined;
  const timer = value as unknown as FocusState;
  if (timer.phase !== 'idle' && !(Number.isFinite(timer.endsAt) || Number.isFinite(timer.pausedRemainingMs)))
    return undefined;
  return { ...timer, revision: Number(timer.revision) || 0 };
}

function parseJournal(value: unknown): JournalEntry[] {
  return Array.isArray(value)
    ? (value as unknown[]).filter(
        (e): e is JournalEntry => isObject(e) && typeof e.id === 'string' && typeof e.blockId === 'string',
      )
    : [];
}

/**
 * Journal entries that can still be read out of a torn file: every complete `{...}` without nested
 * objects that names the Do Not Disturb effect. The journal is what must survive damage: an entry
 * lost is a Do Not Disturb never restored.
 */
function salvageJournal(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const match of text.matchAll(/\{[^{}]*"kind"\s*:\s*"doNotDisturb"[^{}]*\}/g)) {
    try {
      entries.push(...parseJournal([JSON.parse(match[0])]));
    } catch {
      // not a whole entry
    }
  }
  return entries;
}

/**
 * Reads a shared record written by any version. Each part is read on its own: a damaged timer
 * becomes idle but the journal (pending undos), the proposals and the workday mark are kept; a file
 * that is not JSON at all keeps whatever journal entries can still be read from it.
 */
export function parseShared(text: string | undefined): SharedFocus {
  if (!text) return EMPTY_SHARED;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const journal = salvageJournal(text);
    return journal.length > 0 ? { ...EMPTY_SHARED, journal } : EMPTY_SHARED;
  }
  if (!isObject(value)) return EMPTY_SHARED;
  return {
    seq: Number(value.seq) || 0,
    ...(typeof value.epoch === 'string' ? { epoch: value.epoch } : {}),
    timer: parseTimer(value.timer) ?? IDLE,
    journal: parseJournal(value.journal),
    ...(isObject(value.leader) && typeof value.leader.windowId === 'string'
      ? { leader: value.leader as unknown as LeaderRecord }
      : {}),
    proposed: Array.isArray(value.proposed) ? value.proposed.filter((k): k is string => typeof k === 'string') : [],
    ...(typeof value.workdayNoticeDay === 'string' ? { workdayNoticeDay: value.workdayNoticeDay } : {}),
    ...(Array.isArray(value.pendingHistory)
      ? {
          pendingHistory: (value.pendingHistory as unknown[]).filter(
            (r): r is PendingRecord => isObject(r) && typeof r.id === 'string' && Number.isFinite(r.endedAt),
          ),
        }
      : {}),
    ...(isObject(value.uiSeen) ? { uiSeen: numberMap(value.uiSeen) } : {}),
  };
}

function numberMap(value: Record<string, unknown>): Record<string, number> {
  const map: Record<string, number> = {};
  for (const [key, at] of Object.entries(value)) if (typeof at === 'number' && Number.isFinite(at)) map[key] = at;
  return map;
}

/** True when `text` is a damaged record (not JSON, not an object, or an unreadable timer). */
export function isDamagedShared(text: string): boolean {
  if (text.trim() === '') return false;
  try {
    const value: unknown = JSON.parse(text);
    return !isObject(value) || parseTimer(value.timer) === undefined;
  } catch {
    return true;
  }
}

/**
 * Gives a record that has none (a new or reset file) a fresh epoch. Windows compare epochs before
 * seq: a file that was deleted starts again at seq 1, and without the epoch a window that had seen
 * seq 40 would ignore every new write as "older" and keep showing its old countdown.
 */
export function withEpoch(shared: SharedFocus, makeEpoch: () => string): SharedFocus {
  return shared.epoch ? shared : { ...shared, epoch: makeEpoch() };
}

/** Is `incoming` an older version of the record `current` (so a window should ignore it)? */
export function isOlderRecord(incoming: SharedFocus, current: SharedFocus): boolean {
  if (incoming.epoch !== current.epoch) return false;
  return incoming.seq < current.seq && incoming.timer.revision <= current.timer.revision;
}

export function serializeShared(shared: SharedFocus): string {
  return JSON.stringify(shared, null, 2) + '\n';
}

/** The result of applying one timer event to the latest shared record. */
export interface Applied {
  shared: SharedFocus;
  transition: Transition;
}

/**
 * Applies a timer event to the latest record; `transition.changed` false means nothing to write.
 * The write that ends a block also queues its history record and stamps its journal entries with
 * the end, so no window's crash can lose either.
 */
export function applyEvent(shared: SharedFocus, event: FocusEvent, now: number): Applied {
  const transition = next(shared.timer, event, now);
  if (!transition.changed) return { shared, transition };
  const ended = transition.ended;
  if (!ended) return { shared: { ...shared, seq: shared.seq + 1, timer: transition.state }, transition };
  return {
    shared: {
      ...shared,
      seq: shared.seq + 1,
      timer: transition.state,
      journal: shared.journal.map((e) => (e.blockId === ended.id ? { ...e, blockEndedAt: ended.endedAt } : e)),
      pendingHistory: [...(shared.pendingHistory ?? []).filter((r) => r.id !== ended.id), ended],
    },
    transition,
  };
}

/** Removes a history record once it is in the file; undefined when it already was removed. */
export function clearPendingHistory(shared: SharedFocus, id: string): SharedFocus | undefined {
  const pending = shared.pendingHistory ?? [];
  if (!pending.some((r) => r.id === id)) return undefined;
  return { ...shared, seq: shared.seq + 1, pendingHistory: pending.filter((r) => r.id !== id) };
}

// ---- window UIs --------------------------------------------------------------------------------

/** Notes the first time a window UI is seen (kept for the 20 most recent UIs); undefined if known. */
export function noteUi(shared: SharedFocus, uiId: string, now: number): SharedFocus | undefined {
  const seen = shared.uiSeen ?? {};
  if (seen[uiId] !== undefined) return undefined;
  const kept = Object.entries(seen)
    .sort((a, b) => a[1] - b[1])
    .slice(-19);
  return { ...shared, seq: shared.seq + 1, uiSeen: { ...Object.fromEntries(kept), [uiId]: now } };
}

// ---- leader election -------------------------------------------------------------------------

/** Is `record` a live leader at `now`? A heartbeat from the future (clock set back) is not trusted. */
export function leaderAlive(record: LeaderRecord | undefined, now: number): record is LeaderRecord {
  if (!record) return false;
  const age = now - record.heartbeatAt;
  return age <= LEADER_TTL_MS && age >= -LEADER_TTL_MS;
}

export function isLeader(shared: SharedFocus, windowId: string, now: number): boolean {
  return leaderAlive(shared.leader, now) && shared.leader.windowId === windowId;
}

/**
 * What this window should write to the leader record at `now`, or undefined to leave it alone:
 * claim it when nobody leads (or the leader went quiet), renew our own heartbeat when due, and take
 * it from an unfocused leader when we have focus (so the end-of-block notice appears where the user
 * is looking).
 */
export function leaderUpdate(
  current: LeaderRecord | undefined,
  windowId: string,
  now: number,
  focused: boolean,
): LeaderRecord | undefined {
  const mine: LeaderRecord = { windowId, heartbeatAt: now, focused };
  if (!leaderAlive(current, now)) return mine;
  if (current.windowId === windowId) {
    return now - current.heartbeatAt >= HEARTBEAT_MS || current.focused !== focused ? mine : undefined;
  }
  return focused && !current.focused ? mine : undefined;
}

// ---- side-effect journal ---------------------------------------------------------------------

/** Adds an applied effect to the journal, keeping the last 20 finished entries for diagnosis. */
export function recordEffect(journal: readonly JournalEntry[], entry: JournalEntry): JournalEntry[] {
  const finished = journal.filter((e) => e.undoneAt !== undefined).slice(-20);
  const pending = journal.filter((e) => e.undoneAt === undefined);
  return [...finished, ...pending, entry];
}

/** Who is asking to undo: this extension host, its window UI, and when that UI loaded. */
export interface UndoingWindow {
  windowId: string;
  /** When the window UI loaded, as well as it is known (see `uiSeen`; else the host's activation). */
  activatedAt: number;
  /** The window UI's session id, when VS Code gives a real one. */
  uiId?: string;
  /** Whether this window leads now (it runs end hooks whose starting window is gone). */
  leader?: boolean;
  now?: number;
}

/** How long the window that ran the start hooks has to run the end hooks before the leader does. */
export const HOOKS_GRACE_MS = 3_000;

/**
 * Effects this window may undo now: not undone yet, their block no longer under way, and this
 * window can undo them correctly. VS Code's Do Not Disturb is a toggle over a per-window-UI copy of
 * a shared stored flag (each window UI reads the flag when it loads and never again), so only the UI
 * that turned it on, or a UI that loaded after it was turned on, holds the "on" copy a toggle flips
 * back; a UI that was already open would turn it on instead, even if its extension host restarted
 * since. End hooks run in the window that ran the start hooks, or in the leader once that window
 * has had `HOOKS_GRACE_MS` to do it.
 */
export function dueUndos(shared: SharedFocus, me: UndoingWindow): JournalEntry[] {
  const activeBlock = shared.timer.phase !== 'idle' ? shared.timer.block?.id : undefined;
  return shared.journal.filter((e) => {
    if (e.undoneAt !== undefined || e.blockId === activeBlock) return false;
    // Slack is undone through the network, by the leader (dueSlackUndos), not per window.
    if (e.kind === 'slack') return false;
    if (e.appliedBy === me.windowId) return true;
    if (e.kind === 'hooks') {
      const endedAt = e.blockEndedAt ?? e.appliedAt;
      return me.leader === true && me.now !== undefined && me.now - endedAt >= HOOKS_GRACE_MS;
    }
    if (me.uiId !== undefined && e.appliedByUi !== undefined) {
      return e.appliedByUi === me.uiId || me.activatedAt > e.appliedAt;
    }
    return me.activatedAt > e.appliedAt;
  });
}

/**
 * Slack effects to undo now: not undone, their block no longer under way. Slack is one remote
 * state for every window, so any window can undo them; the leader does (or, when no leader is
 * alive — every window closed or crashed mid-block — the first window that looks), and the claim
 * under the lock makes it exactly once.
 */
export function dueSlackUndos(shared: SharedFocus, windowId: string, now: number): JournalEntry[] {
  const activeBlock = shared.timer.phase !== 'idle' ? shared.timer.block?.id : undefined;
  const mayAct = isLeader(shared, windowId, now) || !leaderAlive(shared.leader, now);
  if (!mayAct) return [];
  return shared.journal.filter((e) => e.kind === 'slack' && e.undoneAt === undefined && e.blockId !== activeBlock);
}

/** Marks an effect that could not be made as failed (and so never undone); undefined if it is gone. */
export function markEffectFailed(
  shared: SharedFocus,
  id: string,
  windowId: string,
  now: number,
): SharedFocus | undefined {
  const entry = shared.journal.find((e) => e.id === id);
  if (!entry || entry.undoneAt !== undefined) return undefined;
  return {
    ...shared,
    seq: shared.seq + 1,
    journal: shared.journal.map((e) => (e.id === id ? { ...e, failed: true, undoneAt: now, undoneBy: windowId } : e)),
  };
}

/** Marks an effect undone. Returns undefined when it already was: someone else claimed the undo. */
export function claimUndo(shared: SharedFocus, id: string, windowId: string, now: number): SharedFocus | undefined {
  const entry = shared.journal.find((e) => e.id === id);
  if (!entry || entry.undoneAt !== undefined) return undefined;
  return {
    ...shared,
    seq: shared.seq + 1,
    journal: shared.journal.map((e) => (e.id === id ? { ...e, undoneAt: now, undoneBy: windowId } : e)),
  };
}

/** Marks a scheduled window as proposed; undefined if it already was (another window proposed it). */
export function claimProposal(shared: SharedFocus, key: string): SharedFocus | undefined {
  if (shared.proposed.includes(key)) return undefined;
  return { ...shared, seq: shared.seq + 1, proposed: [...shared.proposed.slice(-19), key] };
}

/** Marks today's end-of-workday notice as shown; undefined if it already was. */
export function claimWorkdayNotice(shared: SharedFocus, day: string): SharedFocus | undefined {
  if (shared.workdayNoticeDay === day) return undefined;
  return { ...shared, seq: shared.seq + 1, workdayNoticeDay: day };
}
