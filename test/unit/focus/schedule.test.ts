import * as assert from 'node:assert/strict';
import {
  activeWindow,
  localDay,
  nextDailyTime,
  nextWindow,
  occurrences,
  parseDays,
  parseSchedule,
  proposedMinutes,
  weekOf,
} from '../../../src/core/focus/schedule';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;
const sorted = (days: Set<number> | undefined) => (days ? [...days].sort() : undefined);

describe('focus schedule', () => {
  it('parses day lists and ranges, including ranges that wrap the week', () => {
    assert.deepEqual(sorted(parseDays('Mon-Fri')), [1, 2, 3, 4, 5]);
    assert.deepEqual(sorted(parseDays('Mon,Wed')), [1, 3]);
    assert.deepEqual(sorted(parseDays('fri-mon')), [0, 1, 5, 6]);
    assert.deepEqual(sorted(parseDays('Tuesday, thu')), [2, 4]);
    assert.deepEqual(sorted(parseDays('Daily')), [0, 1, 2, 3, 4, 5, 6]);
    assert.equal(parseDays('Mon-'), undefined);
    assert.equal(parseDays('Funday'), undefined);
  });

  it('reports bad entries one line each and keeps the good ones', () => {
    const { entries, errors } = parseSchedule([
      { days: 'Mon-Fri', start: '09:00', end: '11:00' },
      { days: 'Mon-Fri', start: '14:00', end: '13:00' },
      { days: 'Someday', start: '09:00', end: '10:00' },
      { days: 'Mon', start: '9am', end: '10:00' },
      'nope',
    ]);
    assert.equal(entries.length, 1);
    assert.equal(errors.length, 4);
    assert.match(errors[0]!, /ends \(13:00\) before it starts/);
  });

  it('finds the active and next window in the user zone', () => {
    const { entries } = parseSchedule([
      { days: 'Mon-Fri', start: '09:00', end: '11:00' },
      { days: 'Mon-Fri', start: '14:00', end: '16:00' },
    ]);
    // Monday 23 Nov 2026, 09:30 in Berlin (UTC+1).
    const now = Date.UTC(2026, 10, 23, 8, 30);
    const active = activeWindow(entries, now, BERLIN)!;
    assert.equal(active.start, Date.UTC(2026, 10, 23, 8, 0));
    assert.equal(active.end, Date.UTC(2026, 10, 23, 10, 0));
    assert.equal(proposedMinutes(active, now), 90);
    assert.equal(nextWindow(entries, now, BERLIN)!.start, Date.UTC(2026, 10, 23, 13, 0));
    // Friday evening: the next window is Monday morning.
    const friday = Date.UTC(2026, 10, 27, 17, 0);
    assert.equal(activeWindow(entries, friday, BERLIN), undefined);
    assert.equal(nextWindow(entries, friday, BERLIN)!.start, Date.UTC(2026, 10, 30, 8, 0));
  });

  it('keeps local wall-clock times across the spring DST change', () => {
    const { entries } = parseSchedule([{ days: 'Daily', start: '09:00', end: '11:00' }]);
    // Berlin springs forward on Sunday 29 March 2026 (UTC+1 -> UTC+2).
    const saturday = Date.UTC(2026, 2, 28, 7, 0);
    const windows = occurrences(entries, saturday, BERLIN, 2).filter((w) => w.start > saturday);
    assert.deepEqual(
      windows.map((w) => new Date(w.start).toISOString()),
      ['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z'],
    );
    assert.ok(windows.every((w) => w.end - w.start === 2 * HOUR));
  });

  it('a window that spans the autumn change is an hour longer in real time', () => {
    // New York falls back at 02:00 on Sunday 1 November 2026.
    const { entries } = parseSchedule([{ days: 'Sun', start: '00:30', end: '03:30' }]);
    const saturday = Date.UTC(2026, 9, 31, 12, 0);
    const window = nextWindow(entries, saturday, NEW_YORK)!;
    assert.equal(window.start, Date.UTC(2026, 10, 1, 4, 30)); // 00:30 EDT
    assert.equal(window.end - window.start, 4 * HOUR);
  });

  it('computes the next daily time, the local day and the week in the zone', () => {
    const now = Date.UTC(2026, 10, 23, 16, 0); // 17:00 Berlin
    assert.equal(nextDailyTime(18 * 60, now, BERLIN), Date.UTC(2026, 10, 23, 17, 0));
    assert.equal(nextDailyTime(9 * 60, now, BERLIN), Date.UTC(2026, 10, 24, 8, 0));
    assert.equal(localDay(Date.UTC(2026, 10, 23, 23, 30), BERLIN), '2026-11-24');
    const week = weekOf(Date.UTC(2026, 10, 25, 12, 0), BERLIN);
    assert.equal(week.start, Date.UTC(2026, 10, 22, 23, 0));
    assert.equal(week.end, Date.UTC(2026, 10, 29, 23, 0));
    assert.equal(week.days.length, 7);
  });
});
