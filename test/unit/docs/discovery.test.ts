import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classify } from '../../../src/core/docs/classify';
import { discover } from '../../../src/core/docs/discovery';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { clock, formatsFixture } from './fixtures';

describe('docs discovery', () => {
  it('finds .adr-dir upward when given the records folder itself (like adr-tools)', async () => {
    const folder = path.join(formatsFixture(), 'nygard', 'doc', 'architecture', 'decisions');
    const discovery = await discover(nodeFileSystem, folder, { searchUpward: true });
    assert.deepEqual(
      discovery.decisionFolders.map((f) => [f.path, f.source]),
      [[folder, '.adr-dir']],
    );
  });

  it('treats a plain folder of numbered records as a decision folder', async () => {
    const index = new DocsIndex({ clock });
    const folder = path.join(formatsFixture(), 'adrini', 'records');
    const discovery = await loadRoot(nodeFileSystem, index, folder);
    assert.equal(discovery.decisionFolders[0]?.source, 'root');
    assert.deepEqual(
      index.decisions().map((d) => d.title),
      ['Use an ini file'],
    );
  });

  it('finds records in folders named like decision folders at any depth, only when they hold numbered records', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-named-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('docs/development/architecture/decisions/0001-use-madr.md', '---\nstatus: accepted\n---\n# Use MADR\n');
    write('docs/development/architecture/decisions/index.md', '# Decisions\n');
    write('services/billing/adr/ADR-007-idempotency.md', '# ADR-007 Idempotency keys\n\nStatus: Proposed\n');
    write('src/decisions/README.md', '# How the rules engine decides\n'); // prose, no numbered files
    write('src/decisions/engine.ts', 'export {};\n');
    const index = new DocsIndex({ clock });
    const discovery = await loadRoot(nodeFileSystem, index, root);
    assert.deepEqual(discovery.decisionFolders.map((f) => [path.relative(root, f.path), f.source]).sort(), [
      ['docs/development/architecture/decisions', 'named'],
      ['services/billing/adr', 'named'],
    ]);
    assert.deepEqual(
      index
        .decisions()
        .map((d) => d.title)
        .sort(),
      ['Idempotency keys', 'Use MADR'],
    );
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('does not follow symbolic links into folders, so a link loop ends', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-loop-'));
    fs.mkdirSync(path.join(root, 'docs', 'adr'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs', 'adr', '0001-a.md'), '# 1. A\n\n## Status\n\nAccepted\n');
    fs.symlinkSync(root, path.join(root, 'docs', 'adr', 'loop'));
    fs.symlinkSync(path.join(root, 'docs'), path.join(root, 'docs-again'));
    const index = new DocsIndex({ clock });
    const discovery = await loadRoot(nodeFileSystem, index, root);
    assert.deepEqual(
      discovery.decisionFolders.map((f) => path.relative(root, f.path)),
      ['docs/adr'],
    );
    assert.deepEqual(
      index.decisions().map((d) => d.title),
      ['A'],
    );
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('classifies new files: a record in a new conventional folder, runbooks, skipped names', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-classify-'));
    const discovery = await discover(nodeFileSystem, root, { runbookGlobs: ['ops/**/*.md'] });
    assert.deepEqual(classify(discovery, path.join(root, 'docs', 'decisions', '0001-first.md')), {
      kind: 'decision',
      folder: path.join(root, 'docs', 'decisions'),
      log4brains: false,
    });
    assert.equal(classify(discovery, path.join(root, 'docs', 'decisions', 'README.md')), undefined);
    assert.equal(classify(discovery, path.join(root, 'docs', 'decisions', 'notes.txt')), undefined);
    assert.deepEqual(classify(discovery, path.join(root, 'services', 'x', 'runbooks', 'restart.md')), {
      kind: 'runbook',
      folder: path.join(root, 'services', 'x', 'runbooks'),
      evidence: 'folder',
      collection: path.join(root, 'services', 'x', 'runbooks'),
    });
    assert.equal(classify(discovery, path.join(root, 'ops', 'a', 'b.md'))?.kind, 'runbook');
    // Anywhere else, a Markdown file is a runbook only if its front matter says so: read to know.
    const other = classify(discovery, path.join(root, 'src', 'notes.md'));
    assert.equal(other?.kind === 'runbook' && other.evidence, 'candidate');
    assert.equal(classify(discovery, path.join(root, 'src', 'notes.txt')), undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('.log4brains.yml: every folder outside is reported; deep nests are one problem, not a crash', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-log4brains-')));
    const file = path.join(root, '.log4brains.yml');
    fs.writeFileSync(file, 'project:\n  adrFolder: ../../../etc\n  packages:\n    - name: a\n      adrFolder: ../x\n');
    const outside = await discover(nodeFileSystem, root);
    assert.deepEqual(
      outside.notes.map((n) => [n.code, n.message]),
      [
        [
          'outside-workspace',
          '.log4brains.yml names "../../../etc" and "../x", folders outside the workspace folder: Cadence neither reads nor creates records there. Name folders inside it.',
        ],
      ],
    );
    assert.deepEqual(outside.decisionFolders, []);
    // Nesting past the bound is one problem, never a parse.
    fs.writeFileSync(file, '['.repeat(5000));
    const deep = await discover(nodeFileSystem, root);
    assert.deepEqual(
      deep.notes.map((n) => n.code),
      ['unreadable-file'],
    );
    assert.match(deep.notes[0].message, /^Cannot read \.log4brains\.yml \(it nests too deeply/);
    // adr.config.json goes to JSON.parse, which does not recurse: a deep nest is a syntax problem.
    fs.rmSync(file);
    fs.writeFileSync(path.join(root, 'adr.config.json'), '['.repeat(200_000));
    assert.deepEqual(
      (await discover(nodeFileSystem, root)).notes.map((n) => n.code),
      ['unreadable-file'],
    );
    fs.rmSync(root, { recursive: true, force: true });
  });
});
