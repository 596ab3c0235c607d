import * as assert from 'node:assert/strict';
import { DocsWorkspace } from '../../../src/core/docs/workspace';
import { readServerSettings } from '../../../src/shared/docsSettings';
import { clock } from './fixtures';
import { MemoryFileSystem } from './memoryFileSystem';

const record = (n: number, title: string, status = 'Accepted') =>
  `# ${n}. ${title}\n\nDate: 2024-02-01\n\n## Status\n\n${status}\n\n## Context\n\nWhy.\n`;

function workspaceOver(fs: MemoryFileSystem, keepTexts = true) {
  const changes: (string[] | undefined)[] = [];
  const warnings: string[] = [];
  const workspace = new DocsWorkspace(
    fs,
    clock,
    readServerSettings({ git: false }),
    (paths) => changes.push(paths),
    (message) => warnings.push(message),
    undefined,
    { keepTexts },
  );
  return { workspace, changes, warnings };
}

const titles = (workspace: DocsWorkspace) =>
  workspace.index
    .decisions()
    .map((d) => d.title)
    .sort();

describe('the docs workspace over an in-memory file system', () => {
  it('indexes every root and drops a root that is no longer listed', async () => {
    const fs = new MemoryFileSystem({
      '/a/docs/decisions/0001-use-git.md': record(1, 'Use git'),
      '/b/docs/adr/0001-use-postgresql.md': record(1, 'Use PostgreSQL'),
    });
    const { workspace } = workspaceOver(fs);
    await workspace.setRoots(['/a', '/b']);
    assert.deepEqual(titles(workspace), ['Use PostgreSQL', 'Use git']);
    assert.equal(workspace.rootOf('/b/docs/adr/0001-use-postgresql.md')?.root, '/b');
    await workspace.setRoots(['/a']);
    assert.deepEqual(titles(workspace), ['Use git']);
    assert.deepEqual(workspace.rootPaths(), ['/a']);
  });

  it('reindexes one changed file, and a deleted folder takes its records along', async () => {
    const fs = new MemoryFileSystem({
      '/r/docs/decisions/0001-a.md': record(1, 'A'),
      '/r/docs/decisions/0002-b.md': record(2, 'B'),
      '/r/docs/decisions/old/0003-c.md': record(3, 'C'),
    });
    const { workspace, changes } = workspaceOver(fs);
    await workspace.setRoots(['/r']);
    fs.reads.length = 0;
    fs.files.set('/r/docs/decisions/0002-b.md', record(2, 'B', 'Deprecated'));
    await workspace.fileChanged('/r/docs/decisions/0002-b.md');
    assert.deepEqual(fs.reads, ['/r/docs/decisions/0002-b.md'], 'one file read, no rescan');
    assert.equal(workspace.index.decision('/r/docs/decisions/0002-b.md')?.status, 'deprecated');
    assert.deepEqual(changes.at(-1), ['/r/docs/decisions/0002-b.md']);
    fs.files.delete('/r/docs/decisions/old/0003-c.md');
    await workspace.fileDeleted('/r/docs/decisions/old');
    assert.deepEqual(titles(workspace), ['A', 'B']);
  });

  it('rediscovers the root when a config file names another folder', async () => {
    const fs = new MemoryFileSystem({
      '/r/docs/decisions/0001-a.md': record(1, 'A'),
      '/r/architecture/0001-z.md': record(1, 'Z'),
    });
    const { workspace } = workspaceOver(fs);
    await workspace.setRoots(['/r']);
    assert.deepEqual(titles(workspace), ['A']);
    fs.files.set('/r/.adr-dir', 'architecture\n');
    await workspace.fileChanged('/r/.adr-dir');
    assert.ok(titles(workspace).includes('Z'), `found ${titles(workspace).join(', ')}`);
  });

  it('keeps the texts it read only when asked to (the trees do not need them)', async () => {
    const files = { '/r/docs/decisions/0001-a.md': record(1, 'A') };
    const kept = workspaceOver(new MemoryFileSystem(files));
    await kept.workspace.setRoots(['/r']);
    assert.equal(kept.workspace.knownText('/r/docs/decisions/0001-a.md'), files['/r/docs/decisions/0001-a.md']);
    const lean = workspaceOver(new MemoryFileSystem(files), false);
    await lean.workspace.setRoots(['/r']);
    assert.equal(lean.workspace.knownText('/r/docs/decisions/0001-a.md'), undefined);
    assert.equal(lean.workspace.index.decisions().length, 1);
  });

  it('open documents override the disk until they close', async () => {
    const fs = new MemoryFileSystem({ '/r/docs/decisions/0001-a.md': record(1, 'A') });
    const { workspace } = workspaceOver(fs);
    await workspace.setRoots(['/r']);
    await workspace.setOpen('/r/docs/decisions/0001-a.md', record(1, 'A', 'Rejected'));
    assert.equal(workspace.index.decision('/r/docs/decisions/0001-a.md')?.status, 'rejected');
    await workspace.fileChanged('/r/docs/decisions/0001-a.md');
    assert.equal(workspace.index.decision('/r/docs/decisions/0001-a.md')?.status, 'rejected', 'the editor wins');
    await workspace.close('/r/docs/decisions/0001-a.md');
    assert.equal(workspace.index.decision('/r/docs/decisions/0001-a.md')?.status, 'accepted');
  });
});
