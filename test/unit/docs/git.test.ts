import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nextNumber } from '../../../src/core/docs/edits';
import { fileNamesOnBranches, lastChangeDates } from '../../../src/node/docs/git';

describe('docs git helpers (a throwaway repository)', () => {
  let repo: string;
  const git = (args: string[], date = '2026-03-01T10:00:00Z'): string =>
    execFileSync('git', args, {
      cwd: repo,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: repo,
        GIT_AUTHOR_NAME: 'Ada',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Ada',
        GIT_COMMITTER_EMAIL: 'ada@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
  const write = (file: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  };

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-git-'));
    git(['init', '-q', '-b', 'main']);
    git(['config', 'commit.gpgsign', 'false']);
    write('doc/adr/0001-a.md', '# 1. A\n');
    write('runbooks/db.md', '# DB\n');
    write('runbooks/cache.md', '# Cache\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'one'], '2026-01-05T10:00:00Z');
    write('runbooks/db.md', '# DB failover\n');
    git(['commit', '-q', '-am', 'two'], '2026-02-07T10:00:00Z');
    git(['checkout', '-q', '-b', 'feature']);
    write('doc/adr/0007-b.md', '# 7. B\n');
    write('docs/decisions/0004-only-on-a-branch.md', '# 4. X\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'feature record']);
    // A remote-tracking branch with a higher number, never checked out here.
    git(['checkout', '-q', '-b', 'tmp', 'main']);
    write('doc/adr/0009-c.md', '# 9. C\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'remote record']);
    git(['update-ref', 'refs/remotes/origin/other', 'HEAD']);
    git(['checkout', '-q', 'main']);
    git(['branch', '-q', '-D', 'tmp']);
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('lists record file names on every local and remote-tracking branch', async () => {
    const names = await fileNamesOnBranches(path.join(repo, 'doc', 'adr'));
    assert.deepEqual([...names].sort(), ['0001-a.md', '0007-b.md', '0009-c.md']);
    assert.equal(nextNumber(names), 10);
  });

  it('sees a folder that exists only on another branch', async () => {
    assert.equal(fs.existsSync(path.join(repo, 'docs')), false);
    assert.deepEqual(await fileNamesOnBranches(path.join(repo, 'docs', 'decisions')), ['0004-only-on-a-branch.md']);
  });

  it('reads the last change of many files with one git log', async () => {
    const dates = await lastChangeDates(repo, [path.join(repo, 'runbooks')]);
    assert.equal(dates.get(path.join(repo, 'runbooks', 'db.md')), '2026-02-07');
    assert.equal(dates.get(path.join(repo, 'runbooks', 'cache.md')), '2026-01-05');
  });

  it('reads runbook dates without waiting on a .mailmap FIFO or a mailmap.file the config names', async () => {
    // git reads `.mailmap` for every log unless told not to; a FIFO held open by a writer never ends.
    const fifo = path.join(repo, '.mailmap');
    const named = path.join(repo, '.git', 'named.mailmap');
    execFileSync('mkfifo', [fifo, named]);
    const writers = [fifo, named].map((file) => fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_NONBLOCK));
    git(['config', 'mailmap.file', named]);
    try {
      const dates = await lastChangeDates(repo, [path.join(repo, 'runbooks')]);
      assert.equal(dates.get(path.join(repo, 'runbooks', 'db.md')), '2026-02-07');
    } finally {
      git(['config', '--unset', 'mailmap.file']);
      for (const fd of writers) fs.closeSync(fd);
      fs.rmSync(fifo);
      fs.rmSync(named);
    }
  });

  it('#3 sees non-ASCII names unquoted, for numbers and runbook dates', async () => {
    write('doc/adr/0042-décision.md', '# 42. Décision\n');
    write('runbooks/bascule-base-de-données.md', '# Bascule\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'accents'], '2026-03-04T10:00:00Z');
    try {
      const names = await fileNamesOnBranches(path.join(repo, 'doc', 'adr'));
      assert.ok(names.includes('0042-décision.md'), names.join(', '));
      assert.equal(nextNumber(names), 43);
      const dates = await lastChangeDates(repo, [path.join(repo, 'runbooks')]);
      assert.equal(dates.get(path.join(repo, 'runbooks', 'bascule-base-de-données.md')), '2026-03-04');
    } finally {
      git(['reset', '-q', '--hard', 'HEAD~1']);
    }
  });

  it('#10 works through a symlink to the repository', async () => {
    const link = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-link-')), 'repo');
    fs.symlinkSync(repo, link);
    try {
      const names = await fileNamesOnBranches(path.join(link, 'doc', 'adr'));
      assert.deepEqual([...names].sort(), ['0001-a.md', '0007-b.md', '0009-c.md']);
      const dates = await lastChangeDates(link, [path.join(link, 'runbooks')]);
      assert.equal(dates.get(path.join(link, 'runbooks', 'db.md')), '2026-02-07');
    } finally {
      fs.rmSync(path.dirname(link), { recursive: true, force: true });
    }
  });

  it('#17 reads every branch, past the old 200-ref cap, from one tree per distinct folder', async () => {
    const head = git(['rev-parse', 'HEAD']).trim();
    const refs = Array.from({ length: 240 }, (_, i) => `refs/remotes/many/b${String(i).padStart(3, '0')}`);
    const updateRefs = (lines: string[]): void => {
      execFileSync('git', ['update-ref', '--stdin'], { cwd: repo, input: lines.join('\n') + '\n' });
    };
    updateRefs(refs.map((ref) => `create ${ref} ${head}`));
    // The highest number only on the last remote-tracking branch (in ref order).
    git(['checkout', '-q', '-b', 'tmp-late']);
    write('doc/adr/0300-late.md', '# 300. Late\n');
    git(['add', '-A']);
    git(['commit', '-q', '-m', 'late']);
    git(['update-ref', 'refs/remotes/zz/last', 'HEAD']);
    git(['checkout', '-q', 'main']);
    git(['branch', '-q', '-D', 'tmp-late']);
    try {
      const names = await fileNamesOnBranches(path.join(repo, 'doc', 'adr'));
      assert.equal(nextNumber(names), 301);
    } finally {
      updateRefs([...refs, 'refs/remotes/zz/last'].map((ref) => `delete ${ref}`));
    }
  });

  it('degrades to nothing outside a repository', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-nogit-'));
    assert.deepEqual(await fileNamesOnBranches(plain), []);
    assert.equal((await lastChangeDates(plain, [plain])).size, 0);
    fs.rmSync(plain, { recursive: true, force: true });
  });
});
