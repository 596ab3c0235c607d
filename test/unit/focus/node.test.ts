import * as assert from 'node:assert/strict';
import { execFileSync, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseShared, serializeShared, type SharedFocus } from '../../../src/core/focus/shared';
import { commitsBetween, currentBranch } from '../../../src/node/focus/git';
import { appendFocusRecord, readFocusHistory } from '../../../src/node/focus/historyFile';
import { SharedFile } from '../../../src/node/focus/sharedFile';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-focus-'));
}

const shared = (file: string) => new SharedFile<SharedFocus>({ file, parse: parseShared, serialize: serializeShared });

describe('focus I/O (src/node/focus)', () => {
  it('SharedFile: concurrent writers from several processes lose no update', async function () {
    this.timeout(20_000);
    const file = path.join(tempDir(), 'focus-state.json');
    // Each child process plays a window incrementing seq 25 times under the lock.
    const child = `
      global.describe = () => undefined;
      const { SharedFile, parseShared, serializeShared } = require(${JSON.stringify(__filename)}).__test;
      const store = new SharedFile({ file: process.argv[2], parse: parseShared, serialize: serializeShared });
      (async () => { for (let i = 0; i < 25; i++) await store.update((c) => ({ ...c, seq: c.seq + 1 })); })();
    `;
    const script = path.join(path.dirname(file), 'child.js');
    fs.writeFileSync(script, child);
    await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<void>((resolve, reject) =>
            fork(script, [file], { stdio: 'inherit' }).on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`exit ${code}`)),
            ),
          ),
      ),
    );
    await Promise.all(
      [1, 2].map(async () => {
        for (let i = 0; i < 25; i++) await shared(file).update((c) => ({ ...c, seq: c.seq + 1 }));
      }),
    );
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).seq, 125);
    assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), ['child.js', 'focus-state.json']);
  });

  it('SharedFile: a watcher sees another writer, and the stat poll notices changes', async () => {
    const file = path.join(tempDir(), 'focus-state.json');
    const a = shared(file);
    const b = shared(file);
    assert.equal(await b.changedSinceLastCheck(), true);
    assert.equal(await b.changedSinceLastCheck(), false);
    let seen = 0;
    const stop = b.watch(() => seen++);
    try {
      await a.update((c) => ({ ...c, seq: c.seq + 1 }));
      const deadline = Date.now() + 3000;
      while (seen === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.ok(seen > 0, 'fs.watch did not report the write');
      assert.equal(await b.changedSinceLastCheck(), true);
      assert.equal((await b.read()).seq, 1);
    } finally {
      stop();
    }
  });

  it('SharedFile: a stale lock left by a crashed window is broken', async () => {
    const file = path.join(tempDir(), 'focus-state.json');
    fs.mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    const { written } = await shared(file).update((c) => ({ ...c, seq: 1 }));
    assert.equal(written, true);
  });

  it('history file: appends records and reads them back, surviving a torn line', async () => {
    const file = path.join(tempDir(), 'sub', 'focus-history.jsonl');
    assert.deepEqual(await readFocusHistory(file), []);
    const record = {
      id: 'a',
      startedAt: 1,
      endedAt: 60_001,
      plannedMinutes: 1,
      actualMinutes: 1,
      completed: true,
      commits: [],
    };
    await appendFocusRecord(file, record);
    fs.appendFileSync(file, '{"id":"torn"');
    await appendFocusRecord(file, { ...record, id: 'b' });
    assert.deepEqual(
      (await readFocusHistory(file)).map((r) => r.id),
      ['a', 'b'],
    );
  });

  it('git: branch and the user’s commits during a block; silent outside a repository', async function () {
    this.timeout(10_000);
    const dir = tempDir();
    const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
    const git = (args: string[], extra: Record<string, string> = {}) =>
      execFileSync('git', args, { cwd: dir, env: { ...env, ...extra }, encoding: 'utf8' });
    git(['init', '-q', '-b', 'feat/focus']);
    git(['config', 'user.email', 'ada@example.com']);
    git(['config', 'user.name', 'Ada']);
    const commit = (when: string, email: string) =>
      git(['commit', '-q', '--allow-empty', '-m', when, `--author=X <${email}>`], {
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when,
      });
    commit('2026-11-23T09:10:00Z', 'ada@example.com');
    commit('2026-11-23T09:20:00Z', 'grace@example.com');
    commit('2026-11-23T11:00:00Z', 'ada@example.com');
    assert.equal(await currentBranch(dir), 'feat/focus');
    const commits = await commitsBetween(dir, Date.UTC(2026, 10, 23, 9, 0), Date.UTC(2026, 10, 23, 10, 0));
    assert.equal(commits.length, 1);
    assert.match(commits[0]!, /^[0-9a-f]{40}$/);
    const outside = tempDir();
    assert.equal(await currentBranch(outside), undefined);
    assert.deepEqual(await commitsBetween(outside, 0, Date.now()), []);
  });
});

// The concurrency test's child processes load SharedFile from this bundle.
export const __test = { SharedFile, parseShared, serializeShared };
