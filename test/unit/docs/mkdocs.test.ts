// MkDocs and Backstage TechDocs sites: their nav, paths and names mark runbooks; their YAML is
// untrusted (custom tags, aliases, deep nesting) and read under bounds. Small sites in memory.
import * as assert from 'node:assert/strict';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { readMkdocsConfig, techDocsDir } from '../../../src/core/docs/mkdocs';
import { clock } from './fixtures';
import { MemoryFileSystem } from './memoryFileSystem';

const ROOT = '/ws';
const page = (title: string): string => `# ${title}\n\nSome steps.\n`;

async function load(files: Record<string, string>) {
  const fs = new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([p, t]) => [`${ROOT}/${p}`, t])));
  const index = new DocsIndex({ clock });
  const discovery = await loadRoot(fs, index, ROOT);
  const runbooks = index
    .runbooks()
    .map((r) => [r.path.slice(ROOT.length + 1), r.evidence])
    .sort(([a], [b]) => a.localeCompare(b));
  const decisions = index.decisions().map((d) => d.path.slice(ROOT.length + 1));
  return { runbooks, decisions, notes: discovery.notes.map((n) => [n.path.slice(ROOT.length + 1), n.code, n.message]) };
}

/** A mkdocs.yml as Material for MkDocs sites write it: Python tags, !ENV, a nav with sections. */
const MATERIAL_MKDOCS = `site_name: Platform handbook
docs_dir: src
theme:
  name: material
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          format: !!python/object/apply:pymdownx.superfences.fence_code_format
extra:
  analytics: !ENV [GOOGLE_ANALYTICS_KEY, 'none']
nav:
  - Home: index.md
  - Guides:
      - Writing docs: guides/writing.md
  - Runbooks:
      - Databases:
          - Fail over the primary: ops/db-failover.md
          - ops/db-vacuum.md
      - Restart the router: ops/restart.md
      - Shared steps: helpers/login.md
      - GitHub: https://github.com/example/runbooks
  - On-call playbook: oncall.md
`;

describe('MkDocs and Backstage TechDocs sites', () => {
  it('reads docs_dir, site_name and the nav of a mkdocs.yml with Python and !ENV tags', () => {
    const config = readMkdocsConfig(MATERIAL_MKDOCS);
    assert.equal(config.error, undefined);
    assert.equal(config.docsDir, 'src');
    assert.equal(config.siteName, 'Platform handbook');
    assert.deepEqual(config.nav.slice(0, 4), [
      { page: 'index.md', titles: ['Home'] },
      { page: 'guides/writing.md', titles: ['Guides', 'Writing docs'] },
      { page: 'ops/db-failover.md', titles: ['Runbooks', 'Databases', 'Fail over the primary'] },
      { page: 'ops/db-vacuum.md', titles: ['Runbooks', 'Databases'] },
    ]);
    assert.deepEqual(readMkdocsConfig('site_name: x\n'), { docsDir: 'docs', siteName: 'x', nav: [] });
  });

  it('a page under docs_dir is a runbook when its nav title or section, or its path, says runbook or playbook', async () => {
    const { runbooks, notes } = await load({
      'handbook/mkdocs.yml': MATERIAL_MKDOCS,
      'handbook/src/index.md': page('Home'),
      'handbook/src/guides/writing.md': page('Writing docs'),
      'handbook/src/ops/db-failover.md': page('Fail over the primary'),
      'handbook/src/ops/db-vacuum.md': page('Vacuum'),
      'handbook/src/ops/restart.md': page('Restart the router'),
      'handbook/src/helpers/login.md': page('Log in'),
      'handbook/src/oncall.md': page('On call'),
      // Not in the nav, but its path says so.
      'handbook/src/ops/cache-runbook.md': page('Flush the cache'),
      // Outside docs_dir: not the site's page.
      'handbook/notes/runbook-ideas.md': page('Ideas'),
    });
    assert.deepEqual(notes, []);
    assert.deepEqual(runbooks, [
      ['handbook/src/oncall.md', 'site'],
      ['handbook/src/ops/cache-runbook.md', 'site'],
      ['handbook/src/ops/db-failover.md', 'site'],
      ['handbook/src/ops/db-vacuum.md', 'site'],
      ['handbook/src/ops/restart.md', 'site'],
    ]);
  });

  it('a site named for its runbooks makes each page a runbook, index pages and helpers aside', async () => {
    const { runbooks } = await load({
      'mkdocs.yaml': 'site_name: Payments Runbooks\n',
      'docs/index.md': page('Payments runbooks'),
      'docs/refunds-stuck.md': page('Refunds stuck'),
      'docs/ledger/out-of-balance.md': page('Ledger out of balance'),
      'docs/snippets/login.md': page('Log in'),
      'README.md': page('Payments'),
    });
    assert.deepEqual(runbooks, [
      ['docs/ledger/out-of-balance.md', 'site'],
      ['docs/refunds-stuck.md', 'site'],
    ]);
  });

  it('a folder named runbooks holding a MkDocs build counts by its site: nav and name, not its folder name', async () => {
    const { runbooks } = await load({
      'runbooks/mkdocs.yml':
        'site_name: Team docs\nnav:\n  - Runbooks:\n    - Deploy: deploy.md\n  - About: about.md\n',
      'runbooks/docs/deploy.md': page('Deploy'),
      'runbooks/docs/about.md': page('About the team'),
    });
    assert.deepEqual(runbooks, [['runbooks/docs/deploy.md', 'site']]);
  });

  it("a catalog-info.yaml with backstage.io/techdocs-ref: dir:. is a TechDocs site, MkDocs' defaults without a mkdocs.yml", async () => {
    const catalog = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: System',
      'metadata:',
      '  name: payments',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      '  name: payments-api',
      '  annotations:',
      '    backstage.io/techdocs-ref: dir:.',
      '    github.com/project-slug: example/payments',
      'spec:',
      '  type: service',
      '',
    ].join('\n');
    assert.equal(techDocsDir(catalog), '.');
    assert.equal(techDocsDir('metadata:\n  annotations:\n    backstage.io/techdocs-ref: url:https://x/y\n'), undefined);
    const { runbooks } = await load({
      'services/payments/catalog-info.yaml': catalog,
      'services/payments/docs/index.md': page('Payments'),
      'services/payments/docs/playbooks/refunds.md': page('Refunds'),
      'services/payments/docs/design.md': page('Design'),
    });
    assert.deepEqual(runbooks, [['services/payments/docs/playbooks/refunds.md', 'site']]);
    // With its own mkdocs.yml, that file's docs_dir and nav decide.
    const withConfig = await load({
      'catalog-info.yaml': catalog,
      'mkdocs.yml': 'site_name: Payments\ndocs_dir: pages\nnav:\n  - Runbooks:\n    - Refunds: refunds.md\n',
      'pages/refunds.md': page('Refunds'),
      'docs/playbooks/old.md': page('Old'),
    });
    assert.deepEqual(withConfig.runbooks, [['pages/refunds.md', 'site']]);
  });

  it('hostile site configs: a YAML bomb, 500 `{`, a docs_dir outside the workspace, broken YAML — one problem each, nothing thrown', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...Array.from({ length: 9 }, (_, i) => {
        const prev = String.fromCharCode(97 + i);
        const next = String.fromCharCode(98 + i);
        return `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
      }),
      'site_name: *j',
      'nav: *j',
      '',
    ].join('\n');
    const bombed = readMkdocsConfig(bomb);
    assert.deepEqual([bombed.docsDir, bombed.siteName, bombed.nav], ['docs', undefined, []]);
    const braces = readMkdocsConfig(`site_name: ${'{'.repeat(500)}\n`);
    assert.match(braces.error ?? '', /nests too deeply/);
    assert.equal(techDocsDir(`metadata: ${'['.repeat(500)}\n`), undefined);
    const { runbooks, notes } = await load({
      'a/mkdocs.yml': `site_name: Runbooks\nnav: ${'{'.repeat(500)}\n`,
      'a/docs/x.md': page('X'),
      'b/mkdocs.yml': 'site_name: Runbooks\ndocs_dir: ../..\n',
      'b/docs/y.md': page('Y'),
      'c/mkdocs.yml': 'site_name: Runbooks\nnav: [unclosed\n',
      'c/docs/z.md': page('Z'),
      'd/catalog-info.yaml': 'metadata:\n  annotations:\n    backstage.io/techdocs-ref: dir:../../..\n',
    });
    // Unread sites fall back to MkDocs' defaults, whose paths say nothing here.
    assert.deepEqual(runbooks, []);
    assert.deepEqual(
      notes.map(([path, code]) => [path, code]),
      [
        ['a/mkdocs.yml', 'unreadable-file'],
        ['b/mkdocs.yml', 'outside-workspace'],
        ['c/mkdocs.yml', 'unreadable-file'],
        ['d/catalog-info.yaml', 'outside-workspace'],
      ],
    );
    assert.match(
      notes[0][2],
      /^Cannot read mkdocs\.yml \(it nests too deeply or holds too many values\); its site's runbooks/,
    );
  });

  it('.log4brains.yml is read under the same bounds: 200,000 `{` is one problem, not seconds of parsing', async () => {
    const { notes } = await load({
      '.log4brains.yml': `project: ${'{'.repeat(200_000)}\n`,
      'docs/adr/0001-x.md': '# 1. X\n\n## Status\n\nAccepted\n',
    });
    assert.deepEqual(notes, [
      [
        '.log4brains.yml',
        'unreadable-file',
        'Cannot read .log4brains.yml (it nests too deeply or holds too many values at line 1); fix it so its folder is found.',
      ],
    ]);
    const fine = await load({
      '.log4brains.yml': 'project:\n  adrFolder: ./records\n',
      'records/0001-x.md': '# 1. X\n',
    });
    assert.deepEqual([fine.notes, fine.decisions], [[], ['records/0001-x.md']]);
  });
});
