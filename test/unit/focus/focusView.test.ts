import * as assert from 'node:assert/strict';
import { durations, focusViewRows, type FocusViewInput } from '../../../src/core/focus/focusView';
import type { FocusBlockRecord } from '../../../src/core/focus/history';
import { IDLE, type FocusState } from '../../../src/core/focus/timer';

const NOW = Date.UTC(2026, 10, 30, 10, 18);
const clock = (at: number) => new Date(at).toISOString().slice(11, 16);

function input(timer: FocusState, extra: Partial<FocusViewInput> = {}): FocusViewInput {
  return {
    timer,
    now: NOW,
    blockMinutes: 50,
    next: undefined,
    today: [],
    time: clock,
    when: (at) => `Tue ${clock(at)}`,
    ...extra,
  };
}

const block = (id: string, start: string, minutes: number, completed = true): FocusBlockRecord => {
  const startedAt = Date.parse(`2026-11-30T${start}:00Z`);
  return {
    id,
    startedAt,
    endedAt: startedAt + minutes * 60_000,
    plannedMinutes: 50,
    actualMinutes: minutes,
    completed,
    branchAtEnd: 'feat/x',
    commits: [],
  };
};

describe('the Focus view rows', () => {
  it('offers a start with the default length when idle, and a schedule when none is set', () => {
    const [now, next, today] = focusViewRows(input(IDLE));
    assert.deepEqual(
      [now.label, now.description, now.command],
      ['Start a focus block', '50 minutes', 'cadence.focus.start'],
    );
    assert.equal(next.label, 'No schedule');
    assert.deepEqual(next.commandArgs, ['cadence.focus.schedule']);
    assert.equal(today.accessibleLabel, 'Today: no focus blocks yet');
  });

  it('reads a running block once, with minutes left and the end time', () => {
    const timer: FocusState = {
      phase: 'focus',
      revision: 1,
      endsAt: NOW + 42 * 60_000,
      block: { id: 'b', startedAt: NOW - 8 * 60_000, plannedMinutes: 50, pausedMs: 0 },
    };
    const [now] = focusViewRows(input(timer));
    assert.equal(now.label, 'Focus block');
    assert.equal(now.description, 'ends at 11:00');
    assert.equal(now.accessibleLabel, 'Focus block, 42 minutes left, ends at 11:00');
  });

  it("names the schedule's next block, and today's blocks with one way to write durations", () => {
    const next = { start: Date.UTC(2026, 11, 1, 9), end: Date.UTC(2026, 11, 1, 11), label: 'Mon-Fri 09:00-11:00' };
    const [, nextRow, today] = focusViewRows(
      input(IDLE, { next, today: [block('b', '09:00', 50), block('a', '07:00', 15, false)] }),
    );
    assert.equal(nextRow.description, 'Tue 09:00');
    assert.equal(today.description, '2 blocks, 1h 5m');
    assert.equal(today.accessibleLabel, 'Today: 2 blocks, 1 hour 5 minutes');
    assert.deepEqual(
      today.children?.map((row) => [row.label, row.description]),
      [
        ['07:00–07:15', '15m · feat/x'],
        ['09:00–09:50', '50m · feat/x'],
      ],
    );
    assert.match(today.children![0].accessibleLabel, /15 minutes, on feat\/x, stopped early$/);
  });

  it('writes durations as "1 minute", "64 minutes" → "1h 4m" / "1 hour 4 minutes"', () => {
    assert.deepEqual(durations(1), { short: '1m', words: '1 minute' });
    assert.deepEqual(durations(64), { short: '1h 4m', words: '1 hour 4 minutes' });
    assert.deepEqual(durations(120), { short: '2h', words: '2 hours' });
  });
});
