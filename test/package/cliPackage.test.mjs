// The CI package as a user gets it: `npm pack` of @cadence-dev/cli, `npm install <tarball>` into an
// empty folder (offline: the package has no dependencies), then `cadence` from node_modules/.bin.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'mocha';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');

describe('@cadence-dev/cli package', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'cadence-cli-package-'));
  let tarball;

  before(async () => {
    const { stdout } = await run(process.execPath, [join(root, 'scripts', 'pack-cli.mjs'), dir], { cwd: root });
    tarball = stdout.trim().split('\n').pop();
  });

  it('holds the bundle, its lazy chunks, README and LICENSE only, with a cadence bin and no dependencies', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    // The command's parts load on first use, as in dist/: nothing of the editor's (weekly.js, docs-core.js, slack.js).
    assert.deepEqual(stdout.trim().split('\n').sort(), [
      'package/LICENSE',
      'package/README.md',
      'package/cadence.js',
      'package/cli-docs.js',
      'package/cli-draft.js',
      'package/cli-duty.js',
      'package/cli-focus.js',
      'package/duty-week.js',
      'package/github.js',
      'package/package.json',
      'package/slack-client.js',
      'package/weekly-template.js',
    ]);
    const pkg = JSON.parse(readFileSync(join(root, 'out', 'cli-package', 'package.json'), 'utf8'));
    assert.equal(pkg.name, '@cadence-dev/cli');
    assert.deepEqual(pkg.bin, { cadence: 'cadence.js' });
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.version, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('installs from the tarball and runs cadence --version and cadence docs from node_modules/.bin', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'docs', 'decisions'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "ci-job", "private": true }\n');
    writeFileSync(
      join(project, 'docs', 'decisions', '0001-use-postgres.md'),
      '# 1. Use PostgreSQL\n\nDate: 2026-11-02\n\n## Status\n\nAccepted\n',
    );
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project });
    const cadence = join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'cadence.cmd' : 'cadence');
    const version = await run(cadence, ['--version'], { cwd: project, shell: process.platform === 'win32' });
    assert.equal(version.stdout, `${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}\n`);
    const docs = await run(cadence, ['docs', '--no-git', '--format', 'json'], {
      cwd: project,
      shell: process.platform === 'win32',
    });
    const draftHelp = await run(cadence, ['draft', '--help'], { cwd: project, shell: process.platform === 'win32' });
    assert.match(draftHelp.stdout, /--week-starts-on/);
    const json = JSON.parse(docs.stdout);
    assert.deepEqual(
      json.decisions.map((d) => [d.number, d.title, d.status]),
      [[1, 'Use PostgreSQL', 'accepted']],
    );
  });
});
