import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  isoWeekWindow,
  isValidTimeZone,
  rangeWindow,
  sinceWindow,
  weekWindow,
  windowFromId,
  WindowError,
} from '../../../src/core/weekly/window';

const berlin = { timeZone: 'Europe/Berlin', weekStartsOn: 1 as const };
const iso = (ms: number) => new Date(ms).toISOString();

describe('weekly windows', () => {
  it('labels a calendar week in the user zone, as the header shows it', () => {
    const week = weekWindow(Date.parse('2026-11-22T12:00:00Z'), berlin);
    assert.equal(week.label, 'Week 47 · Mon 16 – Sun 22 Nov 2026 · Europe/Berlin');
    assert.equal(week.id, '2026-W47');
    assert.equal(iso(week.start), '2026-11-15T23:00:00.000Z');
    assert.equal(iso(week.end), '2026-11-22T23:00:00.000Z');
  });

  it('puts Sunday 23:30 local in its own week, and Monday 00:10 local in the next (not by UTC)', () => {
    const sundayLate = Date.parse('2026-11-22T23:30:00+01:00');
    const mondayEarly = Date.parse('2026-11-16T00:10:00+01:00'); // still Sunday in UTC
    assert.equal(weekWindow(sundayLate, berlin).id, '2026-W47');
    assert.equal(weekWindow(mondayEarly, berlin).id, '2026-W47');
    assert.equal(weekWindow(mondayEarly, { ...berlin, timeZone: 'UTC' }).id, '2026-W46');
  });

  it('keeps DST weeks as local calendar weeks (169 h in autumn, 167 h in spring)', () => {
    const autumn = isoWeekWindow('2026-W43', berlin);
    assert.equal((autumn.end - autumn.start) / 3_600_000, 169);
    assert.equal(iso(autumn.start), '2026-10-18T22:00:00.000Z');
    assert.equal(iso(autumn.end), '2026-10-25T23:00:00.000Z');
    const spring = isoWeekWindow('2026-W13', berlin);
    assert.equal((spring.end - spring.start) / 3_600_000, 167);
    const us = isoWeekWindow('2026-W44', { timeZone: 'America/New_York', weekStartsOn: 1 });
    assert.equal((us.end - us.start) / 3_600_000, 169);
  });

  it('supports last week, Sunday-first weeks and year boundaries', () => {
    const now = Date.parse('2026-11-22T12:00:00Z');
    assert.equal(weekWindow(now, berlin, -1).label, 'Week 46 · Mon 9 – Sun 15 Nov 2026 · Europe/Berlin');
    const sunday = weekWindow(now, { timeZone: 'America/New_York', weekStartsOn: 0 });
    assert.equal(sunday.label, 'Week 48 · Sun 22 – Sat 28 Nov 2026 · America/New_York');
    assert.equal(isoWeekWindow('2026-W53', berlin).label, 'Week 53 · Mon 28 Dec 2026 – Sun 3 Jan 2027 · Europe/Berlin');
    assert.equal(isoWeekWindow('2027-W01', berlin).label, 'Week 1 · Mon 4 – Sun 10 Jan 2027 · Europe/Berlin');
    assert.equal(weekWindow(now, berlin, 2).label, 'Week 49 · Mon 30 Nov – Sun 6 Dec 2026 · Europe/Berlin');
  });

  it('parses custom ranges (both days included) and "since" windows', () => {
    const range = rangeWindow('2026-11-16', '2026-11-25', 'Europe/Berlin');
    assert.equal(range.label, 'Mon 16 – Wed 25 Nov 2026 · Europe/Berlin');
    assert.equal(range.id, '2026-11-16--2026-11-25');
    assert.equal(iso(range.end), '2026-11-25T23:00:00.000Z');
    const since = sinceWindow(range.end, Date.parse('2026-11-28T10:00:00Z'), 'Europe/Berlin');
    assert.equal(since.start, range.end);
    assert.equal(iso(since.end), '2026-11-28T23:00:00.000Z');
    assert.deepEqual(windowFromId('2026-W47', berlin)?.start, isoWeekWindow('2026-W47', berlin).start);
    assert.equal(windowFromId('2026-11-16--2026-11-25', berlin)?.end, range.end);
    assert.equal(windowFromId('notes', berlin), null);
  });

  it('rejects bad input with one clear line', () => {
    assert.throws(
      () => isoWeekWindow('2026-47', berlin),
      (e: Error) => e instanceof WindowError && /ISO week/.test(e.message),
    );
    assert.throws(() => isoWeekWindow('2026-W54', berlin), /weeks 1 to 53/);
    assert.throws(() => isoWeekWindow('2025-W53', berlin), /weeks 1 to 52/);
    assert.throws(() => rangeWindow('2026-02-30', '2026-03-01', 'UTC'), /not a calendar date/);
    assert.throws(() => rangeWindow('yesterday', '2026-03-01', 'UTC'), /not a date/);
    assert.throws(() => rangeWindow('2026-03-02', '2026-03-01', 'UTC'), /before/);
    assert.throws(
      () => weekWindow(0, { timeZone: 'Mars/Olympus', weekStartsOn: 1 }),
      /unknown time zone 'Mars\/Olympus'/,
    );
    assert.equal(isValidTimeZone('Europe/Berlin'), true);
    assert.equal(isValidTimeZone(''), false);
  });

  it('ends a week at the next week start where DST changes at midnight (Santiago, Beirut, Havana)', () => {
    const cases: [string, string, 0 | 1, string, string][] = [
      // Clocks go from 00:00 to 01:00 on these Sundays: the week starts at 01:00, the next one at 00:00.
      ['America/Santiago', '2026-09-08T12:00:00Z', 0, '2026-09-06T04:00:00.000Z', '2026-09-13T03:00:00.000Z'],
      ['America/Santiago', '2026-09-01T12:00:00Z', 0, '2026-08-30T04:00:00.000Z', '2026-09-06T04:00:00.000Z'],
      ['Asia/Beirut', '2026-03-31T12:00:00Z', 0, '2026-03-28T22:00:00.000Z', '2026-04-04T21:00:00.000Z'],
      ['America/Havana', '2026-03-10T12:00:00Z', 0, '2026-03-08T05:00:00.000Z', '2026-03-15T04:00:00.000Z'],
      ['America/Santiago', '2026-09-08T12:00:00Z', 1, '2026-09-07T03:00:00.000Z', '2026-09-14T03:00:00.000Z'],
    ];
    for (const [timeZone, at, weekStartsOn, start, end] of cases) {
      const week = weekWindow(Date.parse(at), { timeZone, weekStartsOn });
      assert.deepEqual([iso(week.start), iso(week.end)], [start, end], `${timeZone} ${at} first day ${weekStartsOn}`);
      assert.equal(weekWindow(week.end, { timeZone, weekStartsOn }).start, week.end, 'the next week starts at the end');
    }
  });

  it('property: every instant lies in its week, and consecutive weeks abut', () => {
    const zones = [
      'America/Santiago',
      'Asia/Beirut',
      'America/Havana',
      'Europe/Berlin',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'UTC',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2000-01-01'), max: Date.parse('2040-01-01') }),
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 6 }),
        (instant, timeZone, first) => {
          const options = { timeZone, weekStartsOn: first as 0 | 1 | 2 | 3 | 4 | 5 | 6 };
          const week = weekWindow(instant, options);
          assert.ok(week.start <= instant && instant < week.end);
          assert.equal(weekWindow(week.end, options).start, week.end);
          const hours = (week.end - week.start) / 3_600_000;
          assert.ok(hours >= 167 && hours <= 169, `${hours} h`);
        },
      ),
      { numRuns: 300, seed: 20261129 },
    );
  });
});
