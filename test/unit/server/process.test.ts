import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToUri } from '../../../src/server/uris';
import { formatsFixture, repoRoot } from '../docs/fixtures';
import { processServer } from './lspClient';

describe('language server as a process (node dist/server.js --stdio)', function () {
  this.timeout(20_000);
  const serverJs = path.join(repoRoot, 'dist', 'server.js');

  /** Newest modification time under a folder (the sources the bundle is built from). */
  const newest = (dir: string): number =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .reduce(
        (max, entry) =>
          Math.max(
            max,
            entry.isDirectory() ? newest(path.join(dir, entry.name)) : fs.statSync(path.join(dir, entry.name)).mtimeMs,
          ),
        0,
      );

  before(() => {
    // The bundle under test is the one editors run: (re)build it when a source is newer.
    const built = fs.existsSync(serverJs) ? fs.statSync(serverJs).mtimeMs : 0;
    if (built > newest(path.join(repoRoot, 'src'))) return;
    const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('initializes over stdio and publishes diagnostics for an opened record', async () => {
    const root = path.join(formatsFixture(), 'mixed');
    const client = processServer(serverJs);
    try {
      const result = (await client.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: [{ uri: pathToUri(root), name: 'mixed' }],
      })) as { capabilities: Record<string, unknown>; serverInfo: { name: string } };
      assert.equal(result.serverInfo.name, 'cadence-language-server');
      assert.equal(result.capabilities.hoverProvider, true);
      await client.connection.sendNotification('initialized', {});
      const file = path.join(root, 'docs', 'adr', '0005-unknown-status.md');
      client.open(file, fs.readFileSync(file, 'utf8'));
      const diagnostics = await client.diagnosticsFor(file, (d) => d.length > 0, 10_000);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.source, d.severity]),
        [['unknown-status', 'cadence', 3]],
      );
      await client.connection.sendRequest('shutdown');
      await client.connection.sendNotification('exit');
      const code = await new Promise<number | null>((resolve) => client.child.once('exit', resolve));
      assert.equal(code, 0);
    } finally {
      client.dispose();
    }
  });
});
