// A repository is untrusted input: the hostile fixture's .git/config names a marker-writing program
// for fsmonitor, filters, textconv, diff drivers, the pager, aliases and every hook. Cadence's CLI
// commands and the node functions behind the extension must leave no marker — while still reading
// what they need (uncommitted work, patch ids, branch, commits, dates).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run';
import { fileNamesOnBranches, lastChangeDates } from '../../../src/node/docs/git';
import { commitsBetween, currentBranch } from '../../../src/node/focus/git';
import { filterOverrides, git, GitError } from '../../../src/node/git';
import { snapshotRepo } from '../../../src/node/weekly/git';
import { buildHostile, markersIn } from '../../fixtures/hostile-repo.mjs';
import { capture } from '../cliIo';

describe('a hostile repository runs nothing', function () {
  this.timeout(30_000);
  let base: string;
  let fx: { dir: string; markers: string };
  const savedHistory = process.env.CADENCE_FOCUS_HISTORY;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-hostile-'));
    fx = buildHostile(base);
    process.env.CADENCE_FOCUS_HISTORY = path.join(base, 'no-history.jsonl');
  });
  after(() => {
    if (savedHistory === undefined) delete process.env.CADENCE_FOCUS_HISTORY;
    else process.env.CADENCE_FOCUS_HISTORY = savedHistory;
    fs.rmSync(base, { recursive: true, force: true });
  });
  afterEach(() => fs.rmSync(fx.markers, { force: true }));
  const noMarkers = () => assert.deepEqual(markersIn(fx.markers), [], 'programs named by the repository ran');

  it('is hostile: plain git status and log -p run its programs', () => {
    execFileSync('git', ['status', '--porcelain'], { cwd: fx.dir, stdio: 'pipe' });
    execFileSync('git', ['log', '-p', '-1', 'feature'], { cwd: fx.dir, stdio: 'pipe' });
    const ran = markersIn(fx.markers);
    for (const name of ['fsmonitor', 'clean', 'textconv']) assert.ok(ran.includes(name), `${name} ran: ${ran.join()}`);
  });

  it('cadence draft reads uncommitted work and patch ids, running nothing', async () => {
    const { out, io } = capture(fx.dir);
    // Through today: a window that ended before today leaves the work tree's state out.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });
    const code = await runCli(
      ['draft', '--since', '2026-11-16', '--until', today, '--tz', 'Europe/Berlin', '--format', 'markdown'],
      io,
    );
    assert.equal(code, 0, out.stderr);
    assert.match(out.stdout, /3 uncommitted changes/);
    assert.equal(out.stdout.match(/^- Add billing/gm)?.length, 1, 'the cherry-pick is folded by patch id');
    noMarkers();
  });

  it('the weekly snapshot gets patch ids and the status without filters or fsmonitor', async () => {
    const snapshot = await snapshotRepo(fx.dir, { since: 0, recentSince: 0 });
    assert.equal(Object.keys(snapshot.patchIds).length, 2);
    assert.equal(snapshot.uncommitted, 3);
    assert.equal(snapshot.currentBranch, 'main');
    noMarkers();
  });

  it('cadence docs reads runbook dates from git, running nothing', async () => {
    const { out, io } = capture(fx.dir);
    assert.equal(await runCli(['docs', fx.dir, '--format', 'json'], io), 0, out.stderr);
    assert.match(out.stdout, /restart\.md/);
    noMarkers();
  });

  it('cadence focus runs nothing', async () => {
    const { out, io } = capture(fx.dir);
    assert.equal(await runCli(['focus'], io), 0, out.stderr);
    noMarkers();
  });

  it("the extension's git reads (branch, commits, dates, branch file names) run nothing", async () => {
    assert.equal(await currentBranch(fx.dir), 'main');
    const commits = await commitsBetween(
      fx.dir,
      Date.parse('2026-11-16T00:00:00Z'),
      Date.parse('2026-11-19T00:00:00Z'),
    );
    assert.equal(commits.length, 3);
    const dates = await lastChangeDates(fx.dir, [path.join(fx.dir, 'runbooks')]);
    assert.equal(dates.get(path.join(fx.dir, 'runbooks', 'restart.md')), '2026-11-16');
    assert.ok((await fileNamesOnBranches(path.join(fx.dir, 'docs', 'decisions'))).includes('0001-use-postgres.md'));
    noMarkers();
  });
});

describe('the git runner', () => {
  it('empties every configured filter driver', () => {
    assert.deepEqual(filterOverrides('filter.lfs.clean\ngit-lfs clean\0filter.x.y.smudge\nrun\0user.email\na@b\0'), [
      ...['-c', 'filter.lfs.clean=', '-c', 'filter.lfs.smudge=', '-c', 'filter.lfs.process='],
      ...['-c', 'filter.lfs.required=false'],
      ...['-c', 'filter.x.y.clean=', '-c', 'filter.x.y.smudge=', '-c', 'filter.x.y.process='],
      ...['-c', 'filter.x.y.required=false'],
    ]);
  });

  it('stops a git that runs too long with one line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-slow-'));
    const slow = path.join(dir, 'git');
    fs.writeFileSync(slow, '#!/bin/sh\nsleep 5\n');
    fs.chmodSync(slow, 0o755);
    try {
      await assert.rejects(
        git(['status'], dir, { gitPath: slow, timeoutMs: 200 }),
        (e: Error) =>
          e instanceof GitError && e.kind === 'timeout' && /^git status took longer than 0.2 s/.test(e.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
