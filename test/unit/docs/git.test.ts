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

  it('degrades to nothing outside a repository', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-nogit-'));
    assert.deepEqual(await fileNamesOnBranches(plain), []);
    assert.equal((await lastChangeDates(plain, [plain])).size, 0);
    fs.rmSync(plain, { recursive: true, force: true });
  });
});
