// The documentation duty over a real repository built by test/fixtures/duty.mjs: renames (a file,
// a chain, a folder), a deletion, drift, a stale guide, a decision stuck in Proposed — and the
// number of git calls, which must not grow with the number of docs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDuty, type DutyReport } from '../../../src/node/docs/duty';
import { buildDutyRepo, NOW } from '../../fixtures/duty.mjs';

const clock = { now: () => Date.parse(NOW) };

describe('documentation duty on a real repository', () => {
  let root: string;
  let report: DutyReport;
  let gitLog: string;
  let gitPath: string;

  before(async function () {
    this.timeout(60_000);
    const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-duty-')));
    root = buildDutyRepo(path.join(base, 'duty')) as string;
    // A git that records each call, to count them.
    gitLog = path.join(base, 'git-calls.log');
    gitPath = path.join(base, 'git-counting');
    fs.writeFileSync(gitPath, `#!/bin/sh\necho "$*" >> '${gitLog}'\nexec git "$@"\n`, { mode: 0o755 });
    report = await buildDuty(root, { clock, gitPath });
  });

  const rel = (p: string): string => path.relative(root, p);
  const itemsOf = (kind: string, file?: string) =>
    report.items.filter((i) => i.kind === kind && (file === undefined || rel(i.path) === file));

  it('finds the guides with their age (root README, CONTRIBUTING, onboarding), not every README', () => {
    assert.deepEqual(
      report.guides.map((g) => [
        g.relative,
        g.lastChange && new Date(g.lastChange).toISOString().slice(0, 10),
        g.stale,
      ]),
      [
        ['CONTRIBUTING.md', '2026-11-01', false],
        ['docs/onboarding/first-week.md', '2026-01-10', true],
        ['README.md', '2026-01-10', true],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('reports a renamed file named in inline code, with where it went', () => {
    const broken = itemsOf('broken-path', 'README.md');
    const deploy = broken.find((i) => i.target === 'scripts/deploy.sh');
    assert.ok(deploy, JSON.stringify(broken));
    assert.equal(deploy.renamedTo, 'scripts/release-deploy.sh');
    assert.equal(deploy.line, 3);
    assert.equal(deploy.code, undefined);
    assert.match(deploy.message, /renamed to `scripts\/release-deploy\.sh`/);
  });

  it('reports a broken link (code broken-link) whose folder was renamed, and a renamed folder', () => {
    const broken = itemsOf('broken-path', 'README.md');
    const tax = broken.find((i) => i.target === 'src/billing/tax.ts');
    assert.equal(tax?.renamedTo, 'src/tax/tax.ts');
    assert.equal(tax?.code, 'broken-link');
    assert.equal(broken.find((i) => i.target === 'lib/old/')?.renamedTo, 'lib/new/');
  });

  it('follows a rename chain and says when a file was deleted', () => {
    const onboarding = itemsOf('broken-path', 'docs/onboarding/first-week.md');
    assert.equal(onboarding.find((i) => i.target === 'src/chain.ts')?.renamedTo, 'src/chain3.ts');
    const legacy = onboarding.find((i) => i.target === 'tools/legacy.sh');
    assert.ok(legacy);
    assert.equal(legacy.renamedTo, undefined);
    assert.match(legacy.message, /deleted/);
  });

  it('leaves commands, code blocks, URLs and never-tracked tokens alone; a link to nothing is broken', () => {
    const targets = report.items.filter((i) => i.kind === 'broken-path').map((i) => `${rel(i.path)}:${i.target}`);
    assert.deepEqual(targets.sort(), [
      'CONTRIBUTING.md:docs/missing.md',
      'README.md:lib/old/',
      'README.md:scripts/deploy.sh',
      'README.md:src/billing/tax.ts',
      'docs/decisions/0001-use-postgres.md:src/billing/tax.ts',
      'docs/onboarding/first-week.md:src/chain.ts',
      'docs/onboarding/first-week.md:tools/legacy.sh',
    ]);
    // The fenced `scripts/deploy.sh --dry-run` is not reported: only line 3 is.
    assert.deepEqual(itemsOf('broken-path', 'README.md').filter((i) => i.target === 'scripts/deploy.sh').length, 1);
  });

  it('reports drift: commits to a named folder since the doc was last edited', () => {
    const [drift] = itemsOf('drift', 'docs/runbooks/payments.md');
    assert.ok(drift, JSON.stringify(report.items));
    assert.equal(drift.commits, 6);
    assert.equal(drift.target, 'services/payments/');
    assert.match(
      drift.message,
      /^6 commits to `services\/payments\/` \(a path it names\) since it was last edited \(10 months ago\)/,
    );
    // CONTRIBUTING names the same folder but changed after those commits: no drift.
    assert.deepEqual(itemsOf('drift', 'CONTRIBUTING.md'), []);
  });

  it('lists overdue runbooks, decisions stuck in Proposed (by date, else git) and stale guides', () => {
    assert.equal(itemsOf('stale-runbook', 'docs/runbooks/payments.md').length, 1);
    const proposed = itemsOf('proposed-stale').map((i) => [rel(i.path), i.message]);
    assert.deepEqual(proposed, [
      ['docs/decisions/0002-event-sourcing.md', 'Proposed since 2026-09-01 (82 days); accept, reject or withdraw it.'],
      [
        'docs/decisions/0003-queues.md',
        'Proposed since 2026-01-10 (316 days, from git); accept, reject or withdraw it.',
      ],
    ]);
    assert.deepEqual(
      itemsOf('guide-stale').map((i) => rel(i.path)),
      ['docs/onboarding/first-week.md', 'README.md'],
    );
  });

  it('asks git a fixed number of times for the whole repository', () => {
    const calls = fs.readFileSync(gitLog, 'utf8').trim().split('\n');
    assert.equal(calls.length, 3, calls.join('\n'));
    assert.ok(calls.some((c) => c.includes('-M --name-status --diff-filter=RD')));
  });

  it('without git, still lists what the files say', async () => {
    const plain = await buildDuty(root, { clock, git: false });
    assert.equal(plain.evidence, undefined);
    assert.ok(plain.items.some((i) => i.kind === 'broken-path' && i.target === 'docs/missing.md'));
    assert.ok(!plain.items.some((i) => i.kind === 'drift'));
  });
});
