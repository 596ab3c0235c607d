// One repository reached by several paths (test/fixtures/weekly/worktrees.mjs): a linked worktree, a
// symlink and a second clone add no commit twice. And the summary with --include-hidden does not
// lead with a hidden type.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { WeeklyDraft } from '../../../src/core/weekly/model';
import { renderMarkdown } from '../../../src/core/weekly/render';
import { discoverRepos } from '../../../src/node/weekly/repos';
import { buildSamePaths } from '../../fixtures/weekly/worktrees.mjs';
import { draftW47, titles } from './historyDraft';

const draft = draftW47;

describe('weekly draft: one repository by several paths', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof buildSamePaths>;
  let alone: WeeklyDraft;
  before(async () => {
    fx = buildSamePaths();
    alone = await draft([fx.app]);
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('reads a linked worktree and a symlinked path of a listed repository once', async () => {
    assert.deepEqual(titles(alone), ['Fuzzy matching', 'Empty query']);
    const d = await draft([fx.app, fx.hotfix, fx.link]);
    assert.deepEqual(
      d.repos.map((repo) => repo.path),
      [fx.app],
    );
    assert.deepEqual(titles(d), titles(alone));
    assert.deepEqual(d.inProgress, alone.inProgress);
    assert.equal(
      d.inProgress.filter((item) => item.title === 'Request timeout').length,
      1,
      'the worktree branch is in progress once',
    );
  });

  it('finds one repository among a work tree, its linked worktree and a symlink', async () => {
    const found = await discoverRepos([fx.hotfix, fx.app, fx.link], [], 0, { gitPath: 'git' });
    assert.deepEqual(found.roots, [fx.hotfix]);
    assert.deepEqual(found.skipped, []);
  });

  it('counts a commit once when a second clone of the project holds it too', async () => {
    const d = await draft([fx.app, fx.clone]);
    assert.equal(d.repos.length, 2);
    assert.deepEqual(titles(d), ['Fuzzy matching', 'Empty query']);
    const shas = d.shipped.flatMap((item) => item.commits);
    assert.equal(new Set(shas).size, shas.length);
    const markdown = renderMarkdown(d);
    const list = markdown.slice(markdown.indexOf('## Shipped'), markdown.indexOf('## In progress'));
    assert.equal(list.split('Fuzzy matching').length - 1, 1);
  });

  it('does not name a hidden type first in the summary, also with includeHidden', async () => {
    const shown = await draft([fx.ci]);
    assert.deepEqual(titles(shown), ['Login redirect loop']);
    const all = await draft([fx.ci], { includeHidden: true });
    assert.deepEqual(titles(all).sort(), ['Cache node modules between jobs', 'Login redirect loop']);
    assert.doesNotMatch(all.summary, /Cache node modules/);
    assert.match(all.summary, /^Shipped 2 changes \(1 to the auth\)\. Fixed 1 bug: “Login redirect loop”\./);
  });
});
