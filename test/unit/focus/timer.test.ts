import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  formatRemaining,
  IDLE,
  needsTicking,
  next,
  remainingMs,
  statusText,
  type FocusEvent,
  type FocusState,
} from '../../../src/core/focus/timer';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0);

/** A fake clock and a window that applies events to the state it holds. */
function run(events: [number, FocusEvent][], from: FocusState = IDLE) {
  let state = from;
  const ended = [];
  for (const [at, event] of events) {
    const t = next(state, event, at);
    state = t.state;
    if (t.ended) ended.push(t.ended);
  }
  return { state, ended };
}

const start = (minutes = 50): FocusEvent => ({ type: 'start', id: 'b1', minutes, branch: 'feat/x', workspace: 'ws' });

describe('focus timer reducer', () => {
  it('starts a block with absolute timestamps and counts down from them', () => {
    const { state } = run([[T0, start(50)]]);
    assert.equal(state.phase, 'focus');
    assert.equal(state.endsAt, T0 + 50 * MIN);
    assert.equal(state.block?.startedAt, T0);
    assert.equal(state.block?.branchAtStart, 'feat/x');
    assert.equal(remainingMs(state, T0 + 8 * MIN), 42 * MIN);
    assert.equal(statusText(state, T0 + 8 * MIN), '$(watch) 42m');
    assert.equal(statusText(state, T0 + 49 * MIN + 1_000), '$(watch) 00:59');
  });

  it('ignores a second start while a block runs', () => {
    const first = next(IDLE, start(50), T0);
    const second = next(first.state, { type: 'start', id: 'b2', minutes: 25 }, T0 + MIN);
    assert.equal(second.changed, false);
    assert.equal(second.state.block?.id, 'b1');
  });

  it('ends a block at endsAt, not when the machine wakes from sleep hours later', () => {
    const { state, ended } = run([
      [T0, start(50)],
      [T0 + 5 * 60 * MIN, { type: 'tick' }], // laptop slept five hours
    ]);
    assert.equal(state.phase, 'idle');
    assert.equal(ended.length, 1);
    assert.equal(ended[0]!.endedAt, T0 + 50 * MIN);
    assert.equal(ended[0]!.actualMinutes, 50);
    assert.equal(ended[0]!.completed, true);
  });

  it('a reload (state rebuilt from storage) changes nothing about when the block ends', () => {
    const { state } = run([
      [T0, start(50)],
      [T0 + 10 * MIN, { type: 'tick' }],
    ]);
    const reloaded = JSON.parse(JSON.stringify(state)) as FocusState;
    assert.deepEqual(reloaded, state);
    assert.equal(remainingMs(reloaded, T0 + 30 * MIN), 20 * MIN);
    assert.equal(next(reloaded, { type: 'tick' }, T0 + 50 * MIN).ended?.endedAt, T0 + 50 * MIN);
  });

  it('a clock that goes backwards never shows more than the block length, and adds no paused time', () => {
    const { state } = run([[T0, start(25)]]);
    assert.equal(remainingMs(state, T0 - 3 * 60 * MIN), 25 * MIN);
    const paused = next(state, { type: 'pause' }, T0 + 5 * MIN).state;
    const resumed = next(paused, { type: 'resume' }, T0 + MIN).state; // clock set back 4 minutes
    assert.equal(resumed.block?.pausedMs, 0);
    assert.equal(remainingMs(resumed, T0 + MIN), 20 * MIN);
  });

  it('pause really resumes: the paused time moves the end and does not count as focus', () => {
    const { state, ended } = run([
      [T0, start(50)],
      [T0 + 10 * MIN, { type: 'pause' }],
      [T0 + 40 * MIN, { type: 'resume' }],
      [T0 + 80 * MIN, { type: 'tick' }],
    ]);
    assert.equal(state.phase, 'idle');
    assert.equal(ended[0]!.endedAt, T0 + 80 * MIN);
    assert.equal(ended[0]!.actualMinutes, 50);
  });

  it('shows paused and break visibly differently, and only ticks while running', () => {
    const focus = next(IDLE, start(50), T0).state;
    const paused = next(focus, { type: 'pause' }, T0 + 8 * MIN).state;
    assert.equal(statusText(paused, T0 + 20 * MIN), '$(debug-pause) 42m paused');
    const brk = next(IDLE, { type: 'startBreak', minutes: 10 }, T0).state;
    assert.equal(statusText(brk, T0 + MIN), '$(coffee) Break 9m');
    assert.equal(statusText(IDLE, T0), '$(watch) Focus');
    assert.deepEqual([IDLE, focus, paused, brk].map(needsTicking), [false, true, false, true]);
  });

  it('extends a running, paused or break phase; pause/extend during a break stay a break', () => {
    const extended = run([
      [T0, start(50)],
      [T0 + MIN, { type: 'extend', minutes: 15 }],
    ]).state;
    assert.equal(extended.endsAt, T0 + 65 * MIN);
    assert.equal(extended.block?.plannedMinutes, 65);

    const brk = run([
      [T0, { type: 'startBreak', minutes: 10 }],
      [T0 + 2 * MIN, { type: 'pause' }],
      [T0 + 3 * MIN, { type: 'extend', minutes: 5 }],
    ]).state;
    assert.equal(brk.phase, 'paused');
    assert.equal(brk.pausedFrom, 'break');
    assert.equal(brk.pausedRemainingMs, 13 * MIN);
    const resumed = next(brk, { type: 'resume' }, T0 + 20 * MIN);
    assert.equal(resumed.state.phase, 'break');
    assert.equal(resumed.state.endsAt, T0 + 33 * MIN);
    assert.equal(resumed.state.block, undefined);
    const over = next(resumed.state, { type: 'tick' }, T0 + 33 * MIN);
    assert.equal(over.breakEnded, true);
    assert.equal(over.ended, undefined);
  });

  it('stop records an early end; stop while paused ends when it was paused', () => {
    const stopped = run([
      [T0, start(50)],
      [T0 + 20 * MIN, { type: 'stop' }],
    ]);
    assert.equal(stopped.ended[0]!.completed, false);
    assert.equal(stopped.ended[0]!.actualMinutes, 20);
    const pausedStop = run([
      [T0, start(50)],
      [T0 + 20 * MIN, { type: 'pause' }],
      [T0 + 90 * MIN, { type: 'stop' }],
    ]);
    assert.equal(pausedStop.ended[0]!.endedAt, T0 + 20 * MIN);
    assert.equal(pausedStop.ended[0]!.actualMinutes, 20);
  });

  it('skip break ends only a break; start during a break ends the break', () => {
    const brk = next(IDLE, { type: 'startBreak', minutes: 10 }, T0).state;
    assert.equal(next(brk, { type: 'skipBreak' }, T0 + MIN).state.phase, 'idle');
    const focus = next(IDLE, start(), T0).state;
    assert.equal(next(focus, { type: 'skipBreak' }, T0 + MIN).changed, false);
    const started = next(brk, start(25), T0 + MIN);
    assert.equal(started.state.phase, 'focus');
    assert.equal(started.breakEnded, true);
  });

  it('an event after the end first ends the block (a late pause cannot revive it)', () => {
    const focus = next(IDLE, start(25), T0).state;
    const late = next(focus, { type: 'pause' }, T0 + 30 * MIN);
    assert.equal(late.state.phase, 'idle');
    assert.equal(late.ended?.completed, true);
  });

  it('formats minutes, then mm:ss in the last minute', () => {
    assert.equal(formatRemaining(42 * MIN), '42m');
    // Not "64m" here and "1h 05m" there: one way to write it.
    assert.equal(formatRemaining(64 * MIN), '1h 4m');
    assert.equal(formatRemaining(120 * MIN), '2h');
    assert.equal(formatRemaining(41 * MIN + 1), '42m');
    assert.equal(formatRemaining(60_001), '2m');
    assert.equal(formatRemaining(60_000), '01:00');
    assert.equal(formatRemaining(59_001), '01:00');
    assert.equal(formatRemaining(5_000), '00:05');
    assert.equal(formatRemaining(0), '00:00');
  });

  it('property: whatever the events and clock jumps, remaining time stays within the plan and revisions only grow', () => {
    const event = fc.oneof(
      fc.record({ type: fc.constant('start' as const), id: fc.string(), minutes: fc.integer({ min: 1, max: 120 }) }),
      fc.constantFrom<FocusEvent>(
        { type: 'pause' },
        { type: 'resume' },
        { type: 'stop' },
        { type: 'skipBreak' },
        { type: 'tick' },
      ),
      fc.record({ type: fc.constant('extend' as const), minutes: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ type: fc.constant('startBreak' as const), minutes: fc.integer({ min: 1, max: 30 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3 * 60 * MIN, max: 6 * 60 * MIN }), event), { maxLength: 30 }),
        (steps) => {
          let state: FocusState = IDLE;
          let now = T0;
          for (const [jump, e] of steps) {
            now += jump;
            const t = next(state, e, now);
            assert.ok(t.state.revision >= state.revision);
            if (t.ended) assert.ok(t.ended.actualMinutes >= 0 && t.ended.endedAt >= t.ended.startedAt);
            state = t.state;
            const left = remainingMs(state, now);
            const plan = ((state.block?.plannedMinutes ?? 0) + (state.breakMinutes ?? 0)) * MIN;
            assert.ok(left >= 0 && left <= plan, `remaining ${left} > plan ${plan}`);
          }
        },
      ),
      { seed: 20261129 },
    );
  });
});
