// The Runbooks view's groups and order (src/core/docs/runbookGroups.ts).
import * as assert from 'node:assert/strict';
import { groupLabel, groupRunbooks } from '../../../src/core/docs/runbookGroups';
import type { RunbookView } from '../../../src/core/docs/types';

function runbook(path: string, title: string, fields: Partial<RunbookView> = {}): RunbookView {
  return {
    path,
    folder: path.slice(0, path.lastIndexOf('/')),
    title,
    problems: [],
    stale: false,
    headings: [],
    evidence: 'folder',
    sections: [],
    missingSections: [],
    ...fields,
  };
}

const label = (folder: string): string => folder.replace(/^\/ws\//, '');

describe('runbook groups', () => {
  const runbooks = [
    runbook('/ws/runbooks/payments/refund-stuck.md', 'Refunds stuck', {
      service: 'payments',
      stale: true,
      reviewDue: '2026-05-01',
    }),
    runbook('/ws/runbooks/payments/owners.md', 'Owners', { reviewDue: '2027-01-01' }),
    runbook('/ws/runbooks/payments/chargebacks.md', 'chargebacks', { service: 'payments' }),
    runbook('/ws/ops/payments/restart.md', 'Restart the worker', { service: 'payments', reviewDue: '2026-09-01' }),
    runbook('/ws/runbooks/deploy-rollback.md', 'Roll back a deploy'),
    runbook('/ws/runbooks/mixed/a.md', 'Cache', { service: 'cache' }),
    runbook('/ws/runbooks/mixed/b.md', 'DNS', { service: 'dns' }),
    runbook('/ws/runbooks/mixed/c.md', 'Certificates'),
  ];

  it('groups by service, else by folder; a folder of one service joins it, a folder of two does not', () => {
    const groups = groupRunbooks(runbooks, label);
    assert.deepEqual(
      groups.map((g) => [groupLabel(g), g.kind, g.stale]),
      [
        ['cache (1)', 'service', 0],
        ['dns (1)', 'service', 0],
        ['payments (4)', 'service', 1],
        ['runbooks (1)', 'folder', 0],
        ['runbooks/mixed (1)', 'folder', 0],
      ],
    );
  });

  it('sorts by title (any case) by default, stale first or by due date when asked', () => {
    const titles = (sort?: 'title' | 'staleFirst' | 'dueDate'): string[] =>
      groupRunbooks(runbooks, label, sort)
        .find((g) => g.name === 'payments')!
        .runbooks.map((r) => r.title);
    assert.deepEqual(titles(), ['chargebacks', 'Owners', 'Refunds stuck', 'Restart the worker']);
    assert.deepEqual(titles('staleFirst'), ['Refunds stuck', 'chargebacks', 'Owners', 'Restart the worker']);
    assert.deepEqual(titles('dueDate'), ['Refunds stuck', 'Restart the worker', 'Owners', 'chargebacks']);
  });
});
