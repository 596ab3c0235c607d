import * as assert from 'node:assert/strict';
import {
  applyEvent,
  claimProposal,
  claimUndo,
  claimWorkdayNotice,
  dueUndos,
  clearPendingHistory,
  EMPTY_SHARED,
  HEARTBEAT_MS,
  HOOKS_GRACE_MS,
  markEffectFailed,
  noteUi,
  isDamagedShared,
  isOlderRecord,
  isLeader,
  LEADER_TTL_MS,
  leaderUpdate,
  parseShared,
  recordEffect,
  serializeShared,
  withEpoch,
  type SharedFocus,
} from '../../../src/core/focus/shared';
import { expectationOf, type FocusEvent } from '../../../src/core/focus/timer';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

/**
 * The shared file as the lock makes it behave: every write is applied to the latest record.
 * `stale` lets a window act on an old snapshot, the way a window that has not yet seen another
 * window's write does.
 */
class SharedStore {
  value: SharedFocus = EMPTY_SHARED;
  update(mutate: (current: SharedFocus) => SharedFocus | undefined): boolean {
    const after = mutate(this.value);
    if (!after) return false;
    this.value = after;
    return true;
  }
}

function dispatch(store: SharedStore, event: FocusEvent, now: number) {
  let transition = applyEvent(store.value, event, now).transition;
  store.update((current) => {
    const applied = applyEvent(current, event, now);
    transition = applied.transition;
    return transition.changed ? applied.shared : undefined;
  });
  return transition;
}

describe('shared focus record', () => {
  it('two windows racing to end the same block: exactly one records it', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 25 }, T0);
    // Both windows wake after a sleep and both saw the block running.
    const seenByA = store.value;
    const seenByB = store.value;
    assert.equal(seenByA.timer.phase, 'focus');
    assert.equal(seenByB.timer.phase, 'focus');
    const a = dispatch(store, { type: 'tick' }, T0 + 2 * 60 * MIN);
    const b = dispatch(store, { type: 'tick' }, T0 + 2 * 60 * MIN + 5);
    assert.equal([a, b].filter((t) => t.ended).length, 1);
    assert.equal(store.value.timer.phase, 'idle');
  });

  it('revision conflicts: an extend from a window with an old view applies to the newest state', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    const staleRevision = store.value.timer.revision;
    dispatch(store, { type: 'extend', minutes: 15 }, T0 + MIN); // window A
    dispatch(store, { type: 'extend', minutes: 5 }, T0 + MIN + 10); // window B, saw the old revision
    assert.equal(store.value.timer.endsAt, T0 + 70 * MIN);
    assert.equal(store.value.timer.revision, staleRevision + 2);
    // A stop from one window and a pause from another aimed at the same block: the pause conflicts.
    const seen = store.value.timer;
    const stop = dispatch(store, { type: 'stop', expect: expectationOf(seen) }, T0 + 2 * MIN);
    const pause = dispatch(store, { type: 'pause', expect: expectationOf(seen) }, T0 + 2 * MIN + 1);
    assert.ok(stop.ended);
    assert.equal(pause.changed, false);
    assert.equal(pause.conflict, true);
  });

  it('stale clicks: a button drawn for one block never acts on the next one', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    const tooltipOfB1 = expectationOf(store.value.timer);
    // Another window stops b1 and starts b2; this window's old tooltip still shows b1's buttons.
    dispatch(store, { type: 'stop' }, T0 + MIN);
    dispatch(store, { type: 'start', id: 'b2', minutes: 25 }, T0 + MIN + 1);
    const before = store.value;
    for (const event of [
      { type: 'stop', expect: tooltipOfB1 },
      { type: 'pause', expect: tooltipOfB1 },
      { type: 'extend', minutes: 15, expect: tooltipOfB1 },
      { type: 'skipBreak', expect: { phase: 'break' } },
    ] as FocusEvent[]) {
      const t = dispatch(store, event, T0 + 2 * MIN);
      assert.equal(t.changed, false, event.type);
      assert.equal(t.conflict, true, event.type);
    }
    assert.deepEqual(store.value, before);
    // A click on the block that is due but not yet ended still ends that very block.
    const due = dispatch(store, { type: 'stop', expect: expectationOf(store.value.timer) }, T0 + 3 * 60 * MIN);
    assert.equal(due.ended?.id, 'b2');
    assert.equal(due.conflict, undefined);
  });

  it('the write that ends a block queues its history record; clearing it is claimed once', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50, gitFolder: '/work/repo' }, T0);
    dispatch(store, { type: 'stop' }, T0 + 10 * MIN);
    const pending = store.value.pendingHistory ?? [];
    assert.deepEqual(
      pending.map((r) => [r.id, r.gitFolder, r.endedAt]),
      [['b1', '/work/repo', T0 + 10 * MIN]],
    );
    assert.equal(parseShared(serializeShared(store.value)).pendingHistory?.length, 1);
    assert.equal(
      store.update((s) => clearPendingHistory(s, 'b1')),
      true,
    );
    assert.equal(
      store.update((s) => clearPendingHistory(s, 'b1')),
      false,
    );
  });

  it('DND: a failed toggle is marked failed and never undone', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    store.update((s) => ({
      ...s,
      journal: recordEffect(s.journal, {
        id: 'b1:dnd',
        kind: 'doNotDisturb',
        blockId: 'b1',
        appliedAt: T0,
        appliedBy: 'A',
      }),
    }));
    assert.equal(
      store.update((s) => markEffectFailed(s, 'b1:dnd', 'A', T0 + 1)),
      true,
    );
    dispatch(store, { type: 'stop' }, T0 + MIN);
    assert.deepEqual(dueUndos(store.value, { windowId: 'A', activatedAt: T0 - MIN }), []);
    assert.equal(store.value.journal[0]?.failed, true);
  });

  it('DND: an extension host restart in a window open before the block does not undo (it would switch DND on)', () => {
    const store = new SharedStore();
    // Window UIs X (applies DND) and Y were seen before the block.
    store.update((s) => noteUi(s, 'ui-X', T0 - 60 * MIN));
    store.update((s) => noteUi(s, 'ui-Y', T0 - 30 * MIN));
    assert.equal(
      store.update((s) => noteUi(s, 'ui-Y', T0 + 5 * MIN)),
      false,
      'a restarted host keeps its UI time',
    );
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    store.update((s) => ({
      ...s,
      journal: recordEffect(s.journal, {
        id: 'b1:dnd',
        kind: 'doNotDisturb',
        blockId: 'b1',
        appliedAt: T0,
        appliedBy: 'host-X1',
        appliedByUi: 'ui-X',
      }),
    }));
    dispatch(store, { type: 'stop' }, T0 + 10 * MIN);
    const seen = store.value.uiSeen!;
    // Y's extension host restarted after DND went on: its UI still holds the "off" copy.
    assert.deepEqual(dueUndos(store.value, { windowId: 'host-Y2', activatedAt: seen['ui-Y']!, uiId: 'ui-Y' }), []);
    // X's extension host restarted: same UI, which holds the "on" copy.
    assert.equal(dueUndos(store.value, { windowId: 'host-X2', activatedAt: seen['ui-X']!, uiId: 'ui-X' }).length, 1);
    // A UI that loaded after DND went on holds the "on" copy too.
    assert.equal(dueUndos(store.value, { windowId: 'host-Z1', activatedAt: T0 + 5 * MIN, uiId: 'ui-Z' }).length, 1);
  });

  it('end hooks: the window that ran the start hooks, else the leader after a grace period', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    store.update((s) => ({
      ...s,
      journal: recordEffect(s.journal, { id: 'b1:hooks', kind: 'hooks', blockId: 'b1', appliedAt: T0, appliedBy: 'A' }),
    }));
    const end = T0 + 10 * MIN;
    dispatch(store, { type: 'stop' }, end);
    assert.equal(store.value.journal[0]?.blockEndedAt, end);
    const leader = (now: number) => ({ windowId: 'L', activatedAt: T0 + 20 * MIN, leader: true, now });
    assert.equal(dueUndos(store.value, { windowId: 'A', activatedAt: T0 - MIN, now: end }).length, 1);
    assert.deepEqual(dueUndos(store.value, leader(end + 100)), []);
    assert.deepEqual(dueUndos(store.value, { ...leader(end + HOOKS_GRACE_MS), leader: false }), []);
    assert.equal(dueUndos(store.value, leader(end + HOOKS_GRACE_MS)).length, 1);
  });

  it('a second window that starts at the same moment does not replace the running block', () => {
    const store = new SharedStore();
    const a = dispatch(store, { type: 'start', id: 'a', minutes: 50 }, T0);
    const b = dispatch(store, { type: 'start', id: 'b', minutes: 25 }, T0 + 3);
    assert.ok(a.started);
    assert.equal(b.changed, false);
    assert.equal(store.value.timer.block?.id, 'a');
  });

  it('elects one leader, renews its heartbeat, and lets another take over when it goes quiet', () => {
    assert.deepEqual(leaderUpdate(undefined, 'A', T0, false), { windowId: 'A', heartbeatAt: T0, focused: false });
    const a = { windowId: 'A', heartbeatAt: T0, focused: false };
    assert.equal(leaderUpdate(a, 'A', T0 + HEARTBEAT_MS - 1, false), undefined);
    assert.equal(leaderUpdate(a, 'A', T0 + HEARTBEAT_MS, false)?.heartbeatAt, T0 + HEARTBEAT_MS);
    assert.equal(leaderUpdate(a, 'B', T0 + 1000, false), undefined);
    assert.equal(leaderUpdate(a, 'B', T0 + LEADER_TTL_MS + 1, false)?.windowId, 'B');
    // The window the user is looking at takes over from an unfocused leader...
    assert.equal(leaderUpdate(a, 'B', T0 + 1000, true)?.windowId, 'B');
    // ...but not from a focused one.
    assert.equal(leaderUpdate({ ...a, focused: true }, 'B', T0 + 1000, true), undefined);
    // A heartbeat from the future (the clock was set back) is not trusted.
    assert.equal(leaderUpdate(a, 'B', T0 - 2 * LEADER_TTL_MS, false)?.windowId, 'B');
    const shared = { ...EMPTY_SHARED, leader: a };
    assert.equal(isLeader(shared, 'A', T0 + 1000), true);
    assert.equal(isLeader(shared, 'A', T0 + LEADER_TTL_MS + 1), false);
  });

  it('journal: each effect is undone exactly once, and not while its block runs', () => {
    const store = new SharedStore();
    dispatch(store, { type: 'start', id: 'b1', minutes: 50 }, T0);
    store.update((s) => ({
      ...s,
      journal: recordEffect(s.journal, {
        id: 'b1:dnd',
        kind: 'doNotDisturb',
        blockId: 'b1',
        appliedAt: T0,
        appliedBy: 'A',
      }),
    }));
    const a = { windowId: 'A', activatedAt: T0 - MIN };
    const openedBefore = { windowId: 'B', activatedAt: T0 - 30 * MIN };
    const reloadedAfter = { windowId: 'C', activatedAt: T0 + 30_000 };
    assert.deepEqual(dueUndos(store.value, a), []);
    dispatch(store, { type: 'stop' }, T0 + MIN);
    assert.equal(dueUndos(store.value, a).length, 1);
    // A window open since before DND went on holds the "off" copy: its toggle would turn DND on.
    assert.equal(dueUndos(store.value, openedBefore).length, 0);
    assert.equal(dueUndos(store.value, reloadedAfter).length, 1);
    // Window A and a window reloaded after the block started both try to undo: one claim wins.
    const claims = [
      store.update((s) => claimUndo(s, 'b1:dnd', 'A', T0 + MIN)),
      store.update((s) => claimUndo(s, 'b1:dnd', 'C', T0 + MIN)),
    ];
    assert.deepEqual(claims, [true, false]);
    assert.deepEqual(dueUndos(store.value, reloadedAfter), []);
  });

  it('journal: after a crash, the next activation finds the orphaned effect', () => {
    const crashed: SharedFocus = {
      ...EMPTY_SHARED,
      seq: 7,
      journal: [{ id: 'b1:dnd', kind: 'doNotDisturb', blockId: 'b1', appliedAt: T0, appliedBy: 'gone' }],
    };
    const reloaded = parseShared(serializeShared(crashed));
    assert.equal(dueUndos(reloaded, { windowId: 'new', activatedAt: T0 + 1 }).length, 1);
  });

  it('proposals and the workday notice are claimed once across windows', () => {
    const store = new SharedStore();
    assert.equal(
      store.update((s) => claimProposal(s, 'w1')),
      true,
    );
    assert.equal(
      store.update((s) => claimProposal(s, 'w1')),
      false,
    );
    assert.equal(
      store.update((s) => claimWorkdayNotice(s, '2026-11-23')),
      true,
    );
    assert.equal(
      store.update((s) => claimWorkdayNotice(s, '2026-11-23')),
      false,
    );
    assert.equal(
      store.update((s) => claimWorkdayNotice(s, '2026-11-24')),
      true,
    );
  });

  it('parses garbage, partial and future files without throwing', () => {
    assert.deepEqual(parseShared(undefined), EMPTY_SHARED);
    assert.deepEqual(parseShared('{"timer": {'), EMPTY_SHARED);
    assert.deepEqual(parseShared('[]'), EMPTY_SHARED);
    assert.equal(parseShared('{"seq": 3, "timer": {"phase": "focus"}}').timer.phase, 'idle');
    const future = parseShared(
      JSON.stringify({ seq: 4, timer: { phase: 'focus', revision: 2, endsAt: T0, block: { id: 'x' } }, extra: 1 }),
    );
    assert.equal(future.timer.phase, 'focus');
    assert.deepEqual(future.proposed, []);
  });

  it('a damaged timer or a torn file keeps the journal, proposals and workday mark', () => {
    const journal = [{ id: 'b1:dnd', kind: 'doNotDisturb', blockId: 'b1', appliedAt: 1, appliedBy: 'A' }];
    // A timer without its end: idle, but the pending undo and the rest survive.
    const noEnd = parseShared(
      JSON.stringify({
        seq: 9,
        timer: { phase: 'focus', revision: 3, block: { id: 'b1' } },
        journal,
        proposed: ['w1'],
        workdayNoticeDay: '2026-11-23',
      }),
    );
    assert.equal(noEnd.timer.phase, 'idle');
    assert.equal(noEnd.seq, 9);
    assert.deepEqual(noEnd.journal, journal);
    assert.deepEqual(noEnd.proposed, ['w1']);
    assert.equal(noEnd.workdayNoticeDay, '2026-11-23');
    assert.equal(dueUndos(noEnd, { windowId: 'A', activatedAt: 2 }).length, 1);
    // A file cut off mid-write: the complete journal entries are still read.
    const torn = JSON.stringify({ seq: 9, timer: { phase: 'focus', endsAt: 5, block: { id: 'b1' } }, journal });
    const salvaged = parseShared(torn.slice(0, torn.length - 2));
    assert.deepEqual(salvaged.journal, journal);
    assert.equal(salvaged.timer.phase, 'idle');
    assert.equal(isDamagedShared(torn.slice(0, 40)), true);
    assert.equal(isDamagedShared('{"seq": 1, "timer": {"phase": "focus"}}'), true);
    assert.equal(isDamagedShared(serializeShared(noEnd)), false);
    assert.equal(isDamagedShared(''), false);
  });

  it('epochs: a reset record (seq from 1 again) is taken, an older write of the same record is not', () => {
    const old: SharedFocus = { ...EMPTY_SHARED, epoch: 'e1', seq: 40, timer: { phase: 'idle', revision: 12 } };
    const stale: SharedFocus = { ...old, seq: 39, timer: { phase: 'idle', revision: 11 } };
    assert.equal(isOlderRecord(stale, old), true);
    const reset = withEpoch(
      { ...EMPTY_SHARED, seq: 1, timer: { phase: 'focus', revision: 1, endsAt: T0 } },
      () => 'e2',
    );
    assert.equal(reset.epoch, 'e2');
    assert.equal(isOlderRecord(reset, old), false);
    assert.equal(withEpoch(old, () => 'e3').epoch, 'e1');
    assert.equal(parseShared(serializeShared(reset)).epoch, 'e2');
  });
});
