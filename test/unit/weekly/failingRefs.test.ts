// When the branches cannot be read (git's refs are in a form Cadence does not read itself, and
// `git for-each-ref` fails or times out), the weekly snapshot fails with that one error — and leaves
// no promise rejected with nobody listening: Node prints such a rejection as a crash with a stack
// trace after the CLI's one line (a FIFO at .git/packed-refs did, once git timed out).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitError } from '../../../src/node/git';
import { snapshotRepo } from '../../../src/node/weekly/git';
import { people, repo } from '../../fixtures/weekly/histories.mjs';

describe('weekly snapshot: branches that cannot be read', () => {
  let root: string;
  let dir: string;
  let fakeGit: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-failing-refs-'));
    const r = repo(path.join(root, 'repo'));
    r.commit(people.ada, '2026-11-17T10:00:00+01:00', 'feat(parser): tables for the parser');
    dir = r.dir;
    // A refs store Cadence does not read itself: the branches are asked of git.
    fs.mkdirSync(path.join(dir, '.git', 'reftable'));
    // git, except that `for-each-ref` fails.
    fakeGit = path.join(root, 'git');
    fs.writeFileSync(
      fakeGit,
      '#!/bin/sh\nfor a in "$@"; do [ "$a" = for-each-ref ] && { echo "fatal: refs unreadable" >&2; exit 128; }; done\nexec git "$@"\n',
    );
    fs.chmodSync(fakeGit, 0o755);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('fails with git for-each-ref’s error, leaving no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const listen = (reason: unknown) => unhandled.push(reason);
    const listeners = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', listen);
    try {
      for (const workTree of [true, false]) {
        await assert.rejects(
          snapshotRepo(dir, { gitPath: fakeGit, since: 0, recentSince: 0, workTree }),
          (e: Error) => e instanceof GitError && /for-each-ref failed .*refs unreadable/.test(e.message),
        );
      }
      // Node reports unhandled rejections once the microtasks of the rejecting turn have run:
      // before the next turn of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(unhandled, []);
    } finally {
      process.removeListener('unhandledRejection', listen);
      for (const listener of listeners) process.on('unhandledRejection', listener);
    }
  });
});
