// Records kept in subfolders of a decision folder (`adr/archive/`, `adr/backend/`): found, numbered
// apart, and read together with their parent folder's records for links and mentions.
import * as assert from 'node:assert/strict';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { clock } from './fixtures';
import { MemoryFileSystem } from './memoryFileSystem';

const ROOT = '/ws';
const record = (n: number, title: string, status: string, more = ''): string =>
  `# ${n}. ${title}\n\n## Status\n\n${status}\n\n## Context\n\n${more}\n`;

async function load(files: Record<string, string>) {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${ROOT}/${p}`, t])));
  const index = new DocsIndex({ clock });
  const discovery = await loadRoot(fs, index, ROOT);
  const rel = (path: string): string => path.slice(ROOT.length + 1);
  return {
    decisions: index
      .decisions()
      .map((d) => [rel(d.path), d.number, d.status])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
    folders: discovery.decisionFolders.map((f) => [rel(f.path), f.source]),
    problems: index.problems().map((p) => [rel(p.path), p.code, p.message]),
  };
}

describe('decision records in subfolders of a decision folder', () => {
  it('finds archived records, resolves links and numbers between the folders, and reports only what is missing', async () => {
    const { decisions, folders, problems } = await load({
      'docs/adr/0001-use-x.md': record(1, 'Use X', 'Accepted', 'See ADR-2 and ADR-9.'),
      'docs/adr/0003-use-z.md': record(3, 'Use Z', 'Accepted\n\nSupersedes [2. Use Y](archive/0002-use-y.md)'),
      'docs/adr/archive/0002-use-y.md': record(2, 'Use Y', 'Superseded by ADR-3'),
      'docs/adr/archive/README.md': '# Archive\n\nOld records.\n',
    });
    assert.deepEqual(decisions, [
      ['docs/adr/0001-use-x.md', 1, 'accepted'],
      ['docs/adr/0003-use-z.md', 3, 'accepted'],
      ['docs/adr/archive/0002-use-y.md', 2, 'superseded'],
    ]);
    assert.deepEqual(folders, [
      ['docs/adr', 'default'],
      ['docs/adr/archive', 'sub'],
    ]);
    // The link both ways and "ADR-2" from the parent resolve; ADR-9 names nothing anywhere.
    assert.deepEqual(problems, [
      [
        'docs/adr/0001-use-x.md',
        'unknown-record',
        'ADR-9 names no decision record of this folder (there is no number 9).',
      ],
    ]);
  });

  it('numbers each subfolder apart: categories that both start at 1 are not duplicates', async () => {
    const { decisions, problems } = await load({
      'decisions/0001-process.md': record(1, 'Process', 'Accepted'),
      'decisions/backend/0001-db.md': record(1, 'Database', 'Accepted'),
      'decisions/frontend/2024/0001-ui.md': record(1, 'UI kit', 'Proposed'),
      'decisions/frontend/2024/deep/0001-too-deep.md': record(1, 'Too deep', 'Proposed'),
    });
    assert.deepEqual(
      decisions.map(([path]) => path),
      ['decisions/0001-process.md', 'decisions/backend/0001-db.md', 'decisions/frontend/2024/0001-ui.md'],
    );
    assert.deepEqual(problems, []);
  });

  it('leaves subfolders without numbered records alone (images, a template folder)', async () => {
    const { folders, decisions } = await load({
      'doc/adr/0001-a.md': record(1, 'A', 'Accepted'),
      'doc/adr/templates/template.md': '# Title\n\n## Status\n\nProposed\n',
      'doc/adr/assets/diagram.md': '# Diagram\n',
    });
    assert.deepEqual(folders, [['doc/adr', 'default']]);
    assert.deepEqual(
      decisions.map(([path]) => path),
      ['doc/adr/0001-a.md'],
    );
  });
});
