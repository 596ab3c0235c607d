import * as assert from 'node:assert/strict';
import {
  parseFocusHistory,
  serializeFocusRecord,
  summarizeFocus,
  type FocusBlockRecord,
} from '../../../src/core/focus/history';
import { historyWeek, renderChartSvg, renderHistoryHtml } from '../../../src/core/focus/historyView';

const MIN = 60_000;
const MON = Date.UTC(2026, 10, 23, 8, 0); // Monday 09:00 Berlin

function block(
  id: string,
  startedAt: number,
  minutes: number,
  extra: Partial<FocusBlockRecord> = {},
): FocusBlockRecord {
  return {
    id,
    startedAt,
    endedAt: startedAt + minutes * MIN,
    plannedMinutes: minutes,
    actualMinutes: minutes,
    completed: true,
    commits: [],
    ...extra,
  };
}

describe('focus history', () => {
  it('round-trips records and skips torn, blank, invalid and duplicated lines', () => {
    const a = block('a', MON, 50, { branchAtStart: 'feat/billing', commits: ['abc'] });
    const b = block('b', MON + 2 * 60 * MIN, 25, { completed: false, actualMinutes: 12 });
    const text =
      serializeFocusRecord(a) +
      '\n' +
      '{"id":"x"}\n' +
      serializeFocusRecord(b) +
      serializeFocusRecord(a) +
      '{"id":"torn","star';
    assert.deepEqual(parseFocusHistory(text), [a, b]);
  });

  it('summarizes the blocks overlapping a window, clipped, by branch (most first)', () => {
    const records = [
      block('a', MON, 60, { branchAtStart: 'feat/billing' }),
      block('b', MON + 2 * 60 * MIN, 30, { branchAtStart: 'main' }),
      block('c', MON + 4 * 60 * MIN, 90, { branchAtStart: 'feat/billing', completed: false, actualMinutes: 45 }),
      block('outside', MON - 3 * 60 * MIN, 30),
    ];
    const summary = summarizeFocus(records, { start: MON + 30 * MIN, end: MON + 24 * 60 * MIN });
    assert.equal(summary.blocks, 3);
    assert.equal(summary.completed, 2);
    // a: half of 60 -> 30, b: 30, c: 45 focused minutes.
    assert.equal(summary.minutes, 105);
    assert.deepEqual(summary.byBranch, [
      { branch: 'feat/billing', minutes: 75 },
      { branch: 'main', minutes: 30 },
    ]);
    assert.deepEqual(summarizeFocus([], { start: 0, end: 1 }), { blocks: 0, minutes: 0, completed: 0, byBranch: [] });
  });

  it('renders this week with totals, an SVG chart and no script or remote content', () => {
    const records = [
      block('a', MON, 50, { branchAtStart: 'feat/<b>', commits: ['1', '2'] }),
      block('b', MON + 24 * 60 * MIN, 90),
      block('last-week', MON - 7 * 24 * 60 * MIN, 30),
    ];
    const week = historyWeek(records, MON + 2 * 24 * 60 * MIN, 'Europe/Berlin');
    assert.deepEqual(
      week.perDay.map((d) => d.minutes),
      [50, 90, 0, 0, 0, 0, 0],
    );
    assert.equal(week.blocks.length, 2);
    const html = renderHistoryHtml(week, { zone: 'Europe/Berlin', nonce: 'n0nce' });
    assert.match(html, /2h 20m of focus in 2 blocks \(2 completed\)/);
    assert.match(html, /<svg role="img"/);
    assert.match(html, /default-src 'none'/);
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org)/.test(html));
    assert.ok(html.includes('feat/&#60;b&#62;'));
    assert.equal((renderChartSvg(week.perDay).match(/<rect/g) ?? []).length, 7);
  });
});
