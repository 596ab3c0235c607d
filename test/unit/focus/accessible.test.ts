import * as assert from 'node:assert/strict';
import { accessibleStatus, minutesLeft, type FocusState } from '../../../src/core/focus/timer';

const time = (at: number) => new Date(at).toISOString().slice(11, 16);
const now = Date.parse('2026-11-30T10:18:00Z');

describe('the focus item as a screen reader reads it', () => {
  it('says what runs, the minutes left and when it ends, once', () => {
    const block = { id: 'b', startedAt: now - 8 * 60_000, plannedMinutes: 50, pausedMs: 0 };
    const focus: FocusState = { phase: 'focus', revision: 1, block, endsAt: Date.parse('2026-11-30T11:00:00Z') };
    assert.equal(accessibleStatus(focus, now, time), 'Focus block, 42 minutes left, ends at 11:00');
    const onBreak: FocusState = { phase: 'break', revision: 2, breakMinutes: 10, endsAt: now + 60_000 };
    assert.equal(accessibleStatus(onBreak, now, time), 'Break, 1 minute left, ends at 10:19');
    const paused: FocusState = { phase: 'paused', revision: 3, pausedFrom: 'focus', pausedRemainingMs: 12 * 60_000 };
    assert.equal(accessibleStatus(paused, now, time), 'Focus block paused, 12 minutes left');
    assert.equal(accessibleStatus({ phase: 'idle', revision: 4 }, now, time), 'Start a focus block');
  });

  it('never says "1 minutes"', () => {
    assert.equal(minutesLeft(60_000), '1 minute');
    assert.equal(minutesLeft(61_000), '2 minutes');
    assert.equal(minutesLeft(30_000), 'less than a minute');
  });
});
