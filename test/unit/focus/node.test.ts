import * as assert from 'node:assert/strict';
import { execFileSync, fork, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDamagedShared, parseShared, serializeShared, type SharedFocus } from '../../../src/core/focus/shared';
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

  it('SharedFile: a lock left by a dead process is broken; a live owner is waited for, never broken', async () => {
    const file = path.join(tempDir(), 'focus-state.json');
    const lock = `${file}.lock`;
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ token: 'gone', pid: dead, host: os.hostname() }));
    assert.equal((await shared(file).update((c) => ({ ...c, seq: 1 }))).written, true);
    assert.equal(fs.existsSync(lock), false);
    // A live owner (this very process, another token) holds it: the update fails, the lock stays.
    fs.mkdirSync(lock);
    const live = JSON.stringify({ token: 'live', pid: process.pid, host: os.hostname() });
    fs.writeFileSync(path.join(lock, 'owner.json'), live);
    const old = new Date(Date.now() - 10 * 60_000); // even after a long sleep
    fs.utimesSync(lock, old, old);
    const slow = new SharedFile<SharedFocus>({ file, parse: parseShared, serialize: serializeShared, lockWaitMs: 200 });
    await assert.rejects(
      slow.update((c) => ({ ...c, seq: 2 })),
      (error: NodeJS.ErrnoException) => error.code === 'ELOCKED',
    );
    assert.equal(fs.readFileSync(path.join(lock, 'owner.json'), 'utf8'), live);
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).seq, 1);
    fs.rmSync(lock, { recursive: true });
    // A half-made lock (no owner file) from long ago is abandoned.
    fs.mkdirSync(lock);
    fs.utimesSync(lock, old, old);
    assert.equal((await shared(file).update((c) => ({ ...c, seq: 3 }))).written, true);
  });

  it('SharedFile: the holder never removes a lock that is no longer its own', async () => {
    const file = path.join(tempDir(), 'focus-state.json');
    const lock = `${file}.lock`;
    const other = JSON.stringify({ token: 'other', pid: process.pid, host: os.hostname() });
    await shared(file).update((c) => {
      // Another waiter broke ours and took the lock while we were writing.
      fs.writeFileSync(path.join(lock, 'owner.json'), other);
      return { ...c, seq: 1 };
    });
    assert.equal(fs.readFileSync(path.join(lock, 'owner.json'), 'utf8'), other);
  });

  it('SharedFile: a slow holder is waited for, not broken into (two processes)', async function () {
    this.timeout(20_000);
    const file = path.join(tempDir(), 'focus-state.json');
    // The slow process holds the lock 3.5 s with its event loop blocked (no heartbeat can run);
    // the fast one asks once it sees that lock taken. Both increments must land, in order.
    const child = `
      global.describe = () => undefined;
      const { SharedFile, parseShared, serializeShared } = require(${JSON.stringify(__filename)}).__test;
      const store = new SharedFile({ file: process.argv[2], parse: parseShared, serialize: serializeShared });
      const role = process.argv[3];
      (async () => {
        if (role === 'fast') {
          // Wait for the condition (the slow process holds the lock), not for a fixed time.
          const owner = require('node:path').join(process.argv[2] + '.lock', 'owner.json');
          const deadline = Date.now() + 15000;
          while (!require('node:fs').existsSync(owner)) {
            if (Date.now() > deadline) { console.error('the slow process never took the lock'); process.exit(3); }
            await new Promise((r) => setTimeout(r, 5));
          }
        }
        await store.update((c) => {
          if (role === 'slow') { const end = Date.now() + 3500; while (Date.now() < end); }
          return { ...c, seq: c.seq + 1, proposed: [...c.proposed, role] };
        });
      })().catch((e) => { console.error(e); process.exit(2); });
    `;
    const script = path.join(path.dirname(file), 'child.js');
    fs.writeFileSync(script, child);
    await Promise.all(
      ['slow', 'fast'].map(
        (role) =>
          new Promise<void>((resolve, reject) =>
            fork(script, [file, role], { stdio: 'inherit' }).on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`${role} exit ${code}`)),
            ),
          ),
      ),
    );
    const final = JSON.parse(fs.readFileSync(file, 'utf8')) as SharedFocus;
    assert.equal(final.seq, 2);
    assert.deepEqual(final.proposed, ['slow', 'fast']);
  });

  it('SharedFile: many processes breaking the same dead lock at once still lose no update', async function () {
    this.timeout(20_000);
    const file = path.join(tempDir(), 'focus-state.json');
    const lock = `${file}.lock`;
    fs.mkdirSync(lock);
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(path.join(lock, 'owner.json'), JSON.stringify({ token: 'gone', pid: dead, host: os.hostname() }));
    const child = `
      global.describe = () => undefined;
      const { SharedFile, parseShared, serializeShared } = require(${JSON.stringify(__filename)}).__test;
      const store = new SharedFile({ file: process.argv[2], parse: parseShared, serialize: serializeShared });
      (async () => { for (let i = 0; i < 10; i++) await store.update((c) => ({ ...c, seq: c.seq + 1 })); })()
        .catch((e) => { console.error(e); process.exit(2); });
    `;
    const script = path.join(path.dirname(file), 'child.js');
    fs.writeFileSync(script, child);
    await Promise.all(
      [1, 2, 3, 4].map(
        () =>
          new Promise<void>((resolve, reject) =>
            fork(script, [file], { stdio: 'inherit' }).on('exit', (code) =>
              code === 0 ? resolve() : reject(new Error(`exit ${code}`)),
            ),
          ),
      ),
    );
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).seq, 40);
    assert.deepEqual(fs.readdirSync(path.dirname(file)).sort(), ['child.js', 'focus-state.json']);
  });

  it('SharedFile: a damaged file is kept as .corrupt-<time> once; a failed write leaves no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'focus-state.json');
    const torn = '{"seq": 3, "timer": {"phase": "focus", "endsAt": 1, "block": {"id": "b1"}}, "journ';
    fs.writeFileSync(file, torn);
    const copies: string[] = [];
    const store = new SharedFile<SharedFocus>({
      file,
      parse: parseShared,
      serialize: serializeShared,
      damaged: isDamagedShared,
      onDamaged: (copy) => copies.push(copy),
    });
    await store.update((c) => ({ ...c, seq: c.seq + 1 }));
    assert.equal(copies.length, 1);
    assert.match(path.basename(copies[0]!), /^focus-state\.json\.corrupt-\d+$/);
    assert.equal(fs.readFileSync(copies[0]!, 'utf8'), torn);
    await store.update((c) => ({ ...c, seq: c.seq + 1 }));
    assert.equal(copies.length, 1, 'a sound file is not copied');
    // The rename fails (a folder took the file's place): the error reaches the caller, no temp stays.
    await assert.rejects(
      store.update((c) => {
        fs.rmSync(file);
        fs.mkdirSync(path.join(file, 'x'), { recursive: true });
        return { ...c, seq: c.seq + 1 };
      }),
    );
    assert.deepEqual(
      fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
      [],
    );
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
