import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DocsJson, docsCommand } from '../../../src/cli/docs';
import { DocsIndex, loadRoot } from '../../../src/core/docs/index';
import { isMarkdownName, markdownStem } from '../../../src/core/docs/markdownNames';
import {
  isIndexPage,
  isRunbookByFrontMatter,
  runbookPlace,
  sectionState,
  sectionsPresent,
} from '../../../src/core/docs/runbooks';
import type { LoadOptions } from '../../../src/core/docs/index';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import { capture } from '../cliIo';
import { clock, repoRoot } from './fixtures';

let built: string | undefined;

/** The runbook collections, built once by the project's fixture script. */
function runbooksFixture(): string {
  if (built) return built;
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-runbooks-')), 'cases');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'fixtures', 'docs-runbooks.mjs'), dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`docs-runbooks.mjs failed: ${result.stderr}`);
  built = dir;
  return dir;
}

async function loadCase(name: string, options: LoadOptions = {}, runbookSections: string[] = []) {
  const root = path.join(runbooksFixture(), name);
  const index = new DocsIndex({ clock, runbookSections });
  const discovery = await loadRoot(nodeFileSystem, index, root, options);
  const rel = (p: string): string => path.relative(root, p);
  return { index, discovery, root, rel, paths: index.runbooks().map((r) => rel(r.path)) };
}

describe('runbooks where teams keep them', () => {
  it('reads Markdown behind template extensions, and names pages without them', () => {
    for (const name of ['a.md', 'a.markdown', 'a.mdx', 'a.html.md.erb', 'a.md.erb', 'a.md.j2', 'A.MD'])
      assert.equal(isMarkdownName(name), true, name);
    for (const name of ['a.erb', 'a.html.erb', 'a.j2', 'a.txt', 'md', 'a.mdx.bak'])
      assert.equal(isMarkdownName(name), false, name);
    assert.equal(markdownStem('index.html.md.erb'), 'index');
    assert.equal(markdownStem('0001-use-x.mdx'), '0001-use-x');
    assert.equal(isIndexPage('index.html.md.erb'), true);
    assert.equal(isIndexPage('README.md'), true);
    assert.equal(isIndexPage('_index.md'), true);
    assert.equal(isIndexPage('restart.html.md.erb'), false);
  });

  it('places files in collections by folder, skipping helper folders and sites', () => {
    assert.deepEqual(runbookPlace('ops/runbooks/db'), { evidence: 'folder', collection: 'ops/runbooks' });
    assert.deepEqual(runbookPlace('docs/runbook'), { evidence: 'folder', collection: 'docs/runbook' });
    assert.deepEqual(runbookPlace('alerts/node'), { evidence: 'alerts', collection: 'alerts' });
    assert.deepEqual(runbookPlace('playbooks'), { evidence: 'alerts', collection: 'playbooks' });
    assert.equal(runbookPlace('alerts/storage/helpers'), undefined);
    assert.equal(runbookPlace('runbooks/images'), undefined);
    assert.equal(runbookPlace('runbooks/source', ['runbooks']), undefined);
    assert.deepEqual(runbookPlace('site/runbooks/source/runbooks', ['site/runbooks']), {
      evidence: 'folder',
      collection: 'site/runbooks/source/runbooks',
    });
    assert.equal(runbookPlace('src/docs'), undefined);
  });

  it('knows a runbook by its front matter', () => {
    const fields = (entries: Record<string, unknown>) =>
      new Map(Object.entries(entries).map(([k, value]) => [k, { value, line: 1 }]));
    assert.equal(isRunbookByFrontMatter(fields({ last_reviewed_on: '2026-01-01', review_in: '6 months' })), true);
    assert.equal(isRunbookByFrontMatter(fields({ last_reviewed_on: '2026-01-01' })), false);
    assert.equal(isRunbookByFrontMatter(fields({ type: 'runbook' })), true);
    assert.equal(isRunbookByFrontMatter(fields({ type: 'Runbook' })), true);
    assert.equal(isRunbookByFrontMatter(fields({ type: 'learn' })), false);
    assert.equal(isRunbookByFrontMatter(fields({ tags: ['ops', 'runbook'] })), true);
    assert.equal(isRunbookByFrontMatter(fields({ tags: 'runbook' })), true);
    assert.equal(isRunbookByFrontMatter(fields({ tags: ['runbooks-team'] })), false);
    assert.equal(isRunbookByFrontMatter(undefined), false);
  });

  it("finds a GOV.UK tech-docs site's runbooks by last_reviewed_on + review_in, .html.md.erb included, not its index", async () => {
    const { paths, index, root } = await loadCase('tech-docs');
    assert.deepEqual(paths, [
      'source/manual/alerts/high-memory.html.md',
      'source/manual/restart-the-router.html.md.erb',
    ]);
    const erb = index.runbook(path.join(root, 'source/manual/restart-the-router.html.md.erb'));
    assert.equal(erb?.title, 'Restart the router');
    assert.equal(erb?.ownerSlack, '#platform');
    assert.equal(erb?.reviewDue, '2027-03-01');
    assert.equal(erb?.evidence, 'frontMatter');
    // The alerts/ page is a GOV.UK page, not the alert convention: no section is required of it.
    const page = index.runbook(path.join(root, 'source/manual/alerts/high-memory.html.md'));
    assert.deepEqual(page?.missingSections, []);
    assert.equal(page?.stale, true);
  });

  it('finds an alert-runbook collection, not its README, helpers or an alerts/ folder of prose', async () => {
    const { paths, index, root } = await loadCase('alert-collection');
    assert.deepEqual(paths, [
      'alerts/node-operator/NodeClockSkew.md',
      'alerts/node-operator/NodeDiskFull.md',
      'alerts/node-operator/NodeDown.md',
      'alerts/storage-operator/CephDown.md',
      'alerts/storage-operator/Moved.md',
    ]);
    const skew = index.runbook(path.join(root, 'alerts/node-operator/NodeClockSkew.md'));
    assert.deepEqual(skew?.sections, ['Meaning', 'Impact', 'Mitigation']);
    assert.deepEqual(skew?.missingSections, ['Diagnosis']);
    const problems = index.problems().filter((p) => p.code === 'missing-section');
    assert.deepEqual(
      problems.map((p) => [path.relative(root, p.path), p.line, p.severity]),
      [
        ['alerts/node-operator/NodeClockSkew.md', 0, 'warning'],
        ['alerts/storage-operator/Moved.md', 0, 'warning'],
      ],
    );
    assert.equal(
      problems[0].message,
      'No Diagnosis section; the alert runbooks of alerts/ have Meaning, Impact, Diagnosis and Mitigation. Add it as a heading.',
    );
    // The prose page in docs/alerts/ is neither a runbook nor a problem.
    assert.equal(index.runbook(path.join(root, 'docs/alerts/how-alerting-works.md')), undefined);
    assert.deepEqual(index.problemsFor(path.join(root, 'docs/alerts/how-alerting-works.md')), []);
  });

  it('an alerts/ collection follows its files: once most are alert runbooks, the rest count too', async () => {
    const index = new DocsIndex({ clock });
    const place = { evidence: 'alerts' as const, collection: '/w/alerts' };
    index.setRunbook('/w/alerts/a.md', '# A\n\nNotes.\n', '/w/alerts', place);
    assert.deepEqual(index.runbooks(), []);
    index.setRunbook('/w/alerts/b.md', '# B\n\n## Meaning\n\nx\n\n## Impact\n\ny\n', '/w/alerts', place);
    assert.deepEqual(
      index.runbooks().map((r) => [r.path, r.missingSections]),
      [
        ['/w/alerts/a.md', ['Meaning', 'Impact', 'Diagnosis', 'Mitigation']],
        ['/w/alerts/b.md', ['Diagnosis', 'Mitigation']],
      ],
    );
    index.remove('/w/alerts/b.md');
    assert.deepEqual(index.runbooks(), []);
    assert.deepEqual(index.problems(), []);
  });

  it("a folder named runbooks that holds a site's build is a site: its pages count by front matter", async () => {
    const { paths, discovery, root } = await loadCase('site-runbooks');
    assert.deepEqual(paths, ['runbooks/source/rotate-keys.html.md.erb']);
    assert.deepEqual(discovery.siteFolders, [path.join(root, 'runbooks')]);
  });

  it('finds type: runbook and runbook tags anywhere, in .mdx and .md.j2 too', async () => {
    const { paths, index, root } = await loadCase('front-matter');
    assert.deepEqual(paths, [
      'services/api/docs/cache.md',
      'services/api/docs/failover.md',
      'site/docs/deploy.mdx',
      'site/docs/restore.md.j2',
    ]);
    assert.equal(index.runbook(path.join(root, 'site/docs/restore.md.j2'))?.title, 'Restore {{ env }}');
  });

  it('holds runbooks outside alert collections to cadence.docs.runbookSections (none by default)', async () => {
    const none = await loadCase('sections');
    assert.deepEqual(none.index.problems(), []);
    assert.deepEqual(
      none.index.runbooks().map((r) => r.sections),
      [[], []],
    );
    const { index, rel } = await loadCase('sections', {}, ['Symptoms', 'Rollback']);
    assert.deepEqual(
      index.runbooks().map((r) => [rel(r.path), r.sections, r.missingSections]),
      [
        ['runbooks/failover.md', ['Symptoms', 'Rollback'], []],
        ['runbooks/restart.md', ['Symptoms'], ['Rollback']],
      ],
    );
    assert.deepEqual(
      index.problems().map((p) => [rel(p.path), p.line, p.code, p.message]),
      [
        [
          'runbooks/restart.md',
          0,
          'missing-section',
          "No Rollback section; this workspace's runbooks have Symptoms and Rollback (cadence.docs.runbookSections). Add it as a heading.",
        ],
      ],
    );
    index.setRunbookSections([]);
    assert.deepEqual(index.problems(), []);
  });

  it('matches section headings as written, whatever their case, numbering or colon', () => {
    assert.deepEqual(
      sectionsPresent(['Overview', '1. Meaning:', 'IMPACT', 'Diagnosis', 'Impact'], ['Meaning', 'Impact']),
      ['1. Meaning:', 'IMPACT'],
    );
    const state = sectionState({ path: '/w/r.md', headings: ['Meaning'], collection: '/w/alerts' }, true, []);
    assert.deepEqual(state.missingSections, ['Impact', 'Diagnosis', 'Mitigation']);
    assert.equal(state.problem?.code, 'missing-section');
  });

  it('counts the files each configured glob matches, so a glob that finds nothing is said', async () => {
    const { discovery, paths } = await loadCase('tech-docs', {
      runbookGlobs: ['source/**/*.md.erb', 'nothing/**/*.md'],
      decisionGlobs: ['adr/*.md'],
    });
    assert.deepEqual(discovery.globs, [
      { glob: 'adr/*.md', kind: 'decision', files: 0 },
      { glob: 'source/**/*.md.erb', kind: 'runbook', files: 3 },
      { glob: 'nothing/**/*.md', kind: 'runbook', files: 0 },
    ]);
    // The glob makes every .md.erb page a runbook, except the index page.
    assert.deepEqual(paths, [
      'source/manual/alerts/high-memory.html.md',
      'source/manual/check-disk.html.md.erb',
      'source/manual/restart-the-router.html.md.erb',
    ]);
  });

  it('cadence docs --runbooks GLOB (repeatable, relative to PATH) reads matching files as runbooks and says what each matched', async () => {
    const docs = docsCommand(clock);
    const { out, io } = capture();
    const root = path.join(runbooksFixture(), 'tech-docs');
    const argv = [
      root,
      '--runbooks',
      'source/**/*.md.erb',
      '--runbooks',
      './nothing/*.md',
      // Given twice: one entry, its files counted once.
      '--runbooks',
      'source/**/*.md.erb',
      '--format',
      'json',
      '--no-git',
    ];
    assert.equal(await docs.run(argv, io), 0);
    const json = JSON.parse(out.stdout) as DocsJson;
    assert.deepEqual(json.globs, [
      { glob: 'source/**/*.md.erb', files: 3 },
      { glob: './nothing/*.md', files: 0 },
    ]);
    assert.deepEqual(
      json.runbooks.map((r) => r.path),
      [
        'source/manual/alerts/high-memory.html.md',
        'source/manual/check-disk.html.md.erb',
        'source/manual/restart-the-router.html.md.erb',
      ],
    );
    assert.equal(out.stderr, 'cadence docs: --runbooks ./nothing/*.md matched no Markdown file\n');
  });

  it("cadence docs reads cadence.docs.runbookGlobs, runbookSections and files.exclude from the repository's settings; --runbooks replaces the globs", async () => {
    const docs = docsCommand(clock);
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-runbook-settings-'));
    fs.cpSync(path.join(runbooksFixture(), 'tech-docs'), repo, { recursive: true });
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, '.vscode'));
    fs.writeFileSync(
      path.join(repo, '.vscode', 'settings.json'),
      '{\n  // the site\'s pages\n  "cadence.docs.runbookGlobs": ["source/**/*.md.erb", "nothing/*.md"],\n  "cadence.docs.runbookSections": ["Steps"],\n}',
    );
    const run = async (args: string[]) => {
      const { out, io } = capture();
      assert.equal(await docs.run([...args, '--format', 'json', '--no-git'], io), 0, out.stderr);
      return { json: JSON.parse(out.stdout) as DocsJson, stderr: out.stderr };
    };
    // The repository as it is: the glob makes check-disk a runbook; the settings' sections are checked.
    let { json, stderr } = await run([repo]);
    assert.deepEqual(
      json.runbooks.map((r) => [r.path, r.missingSections]),
      [
        ['source/manual/alerts/high-memory.html.md', ['Steps']],
        ['source/manual/check-disk.html.md.erb', ['Steps']],
        ['source/manual/restart-the-router.html.md.erb', []],
      ],
    );
    assert.deepEqual(json.globs, [
      { glob: 'source/**/*.md.erb', files: 3 },
      { glob: 'nothing/*.md', files: 0 },
    ]);
    assert.equal(stderr, 'cadence docs: cadence.docs.runbookGlobs nothing/*.md matched no Markdown file\n');
    // A subfolder of it: the settings' globs are still relative to the repository's top folder.
    ({ json } = await run([path.join(repo, 'source')]));
    assert.deepEqual(
      json.runbooks.map((r) => r.path),
      ['manual/alerts/high-memory.html.md', 'manual/check-disk.html.md.erb', 'manual/restart-the-router.html.md.erb'],
    );
    assert.deepEqual(json.globs[0], { glob: 'source/**/*.md.erb', files: 3 });
    // --runbooks (relative to PATH) replaces the settings' globs: check-disk is no longer matched.
    ({ json, stderr } = await run([path.join(repo, 'source'), '--runbooks', 'manual/restart-*.md.erb']));
    assert.deepEqual(json.globs, [{ glob: 'manual/restart-*.md.erb', files: 1 }]);
    assert.deepEqual(
      json.runbooks.map((r) => r.path),
      ['manual/alerts/high-memory.html.md', 'manual/restart-the-router.html.md.erb'],
    );
    assert.equal(stderr, '');
    // files.exclude hides a folder from the CLI as from the editor.
    fs.writeFileSync(path.join(repo, '.vscode', 'settings.json'), '{ "files.exclude": { "**/alerts": true } }');
    ({ json } = await run([repo]));
    assert.deepEqual(
      json.runbooks.map((r) => r.path),
      ['source/manual/restart-the-router.html.md.erb'],
    );
  });

  it('cadence docs --format json gives each runbook its sections and missing sections', async () => {
    const docs = docsCommand(clock);
    const { out, io } = capture();
    assert.equal(
      await docs.run([path.join(runbooksFixture(), 'alert-collection'), '--format', 'json', '--no-git'], io),
      0,
    );
    const json = JSON.parse(out.stdout) as DocsJson;
    assert.deepEqual(json.runbooks[0], {
      path: 'alerts/node-operator/NodeClockSkew.md',
      title: 'NodeClockSkew',
      owner: null,
      service: null,
      lastReviewed: null,
      reviewDue: null,
      stale: false,
      sections: ['Meaning', 'Impact', 'Mitigation'],
      missingSections: ['Diagnosis'],
    });
    assert.deepEqual(
      json.problems.map((p) => [p.path, p.line, p.code]),
      [
        ['alerts/node-operator/NodeClockSkew.md', 1, 'missing-section'],
        ['alerts/storage-operator/Moved.md', 1, 'missing-section'],
      ],
    );
  });
});
