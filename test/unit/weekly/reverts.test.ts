// Reverts, restores and release commits as real histories have them (test/fixtures/weekly/reverts.mjs):
// a week must come out with nothing missing, nothing extra and nothing twice.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { renderMarkdown } from '../../../src/core/weekly/render';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import type { DraftRequest } from '../../../src/node/weekly/draftRepos';
import { buildReverts } from '../../fixtures/weekly/reverts.mjs';
import { berlin, draftW47, titles } from './historyDraft';

const draft = (root: string, extra: Partial<DraftRequest> = {}) => draftW47([root], extra);
const sorted = (list: string[]) => [...list].sort();

describe('weekly draft on real-history reverts, restores and releases', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof buildReverts>;
  before(() => {
    fx = buildReverts();
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('pairs a revert that names a pre-rebase sha by inverse patch id, else by the quoted subject', async () => {
    const d = await draft(fx.rebased);
    assert.deepEqual(titles(d), ['Rate limit headers']);
    assert.deepEqual(d.hidden, []);
    assert.deepEqual(d.blockers, []);
    // The named shas are really gone: only the patch or the subject can pair them.
    for (const old of Object.values(fx.rebasedOld)) assert.ok(!d.shipped.some((item) => item.commits.includes(old)));
  });

  it("cancels same-week reverts of others' commits (and theirs of mine); keeps reverts of older weeks", async () => {
    const d = await draft(fx.cross);
    assert.deepEqual(
      sorted(titles(d)),
      sorted([
        'Require Node 22',
        'Revert timeout to 30s',
        'Reverted “streaming export”',
        'Reverted “handle "quoted" names”',
        'Reverted “webhooks”',
      ]),
    );
    assert.deepEqual(d.hidden, [], 'the cancelled chore!: is neither shipped nor hidden');
    const breaking = d.shipped.filter((item) => item.breaking);
    assert.deepEqual(
      breaking.map((item) => [item.title, item.type]),
      [['Require Node 22', 'chore']],
    );
    const markdown = renderMarkdown(d);
    const list = markdown.slice(markdown.indexOf('## Shipped'), markdown.indexOf('## In progress'));
    assert.equal(list.split('Require Node 22').length - 1, 1, 'shown once');
    assert.match(list, /- deps: Require Node 22 _\(breaking\)_/);
    assert.match(
      markdown.split('\n')[2],
      /^Shipped 5 changes to the API, dependencies and the core, including “Require Node 22”\./,
    );
    assert.doesNotMatch(markdown, /retry on 502|left-pad|saved searches|tooltips|drop Node 18/i);
    assert.deepEqual(sorted(d.blockers.map((b) => b.title)), [
      'Reverted “handle "quoted" names” — does it need a follow-up?',
      'Reverted “streaming export” — does it need a follow-up?',
      'Reverted “webhooks” — does it need a follow-up?',
    ]);
    for (const item of d.shipped.filter((i) => i.revert)) assert.equal(item.type, 'revert');
  });

  it('cancels a revert and a hand-written restore that is its exact inverse patch', async () => {
    const d = await draft(fx.restore);
    assert.deepEqual(titles(d), ['Dark mode, again']);
    assert.deepEqual(d.blockers, []);
  });

  it('reads `<type>: revert "…"` as a revert: cancels by patch or quoted subject, restores included', async () => {
    const d = await draft(fx.typed);
    assert.deepEqual(
      sorted(titles(d)),
      sorted(['Reverted “old guide”', 'revert-button colour', 'Revert "undo" label for screen readers']),
    );
    assert.deepEqual(d.hidden, []);
    assert.deepEqual(
      d.blockers.map((b) => b.title),
      ['Reverted “old guide” — does it need a follow-up?'],
    );
    assert.doesNotMatch(renderMarkdown(d), /tweak one|scrimba|compact|webhooks|fuzzy/i);
  });

  it('hides release commits like chores, counts them in the footer, and shows them with includeHidden', async () => {
    const d = await draft(fx.releases);
    assert.deepEqual(titles(d), ['Tables']);
    assert.equal(d.hidden.length, 7);
    assert.ok(d.hidden.every((item) => item.type === 'release'));
    assert.match(renderMarkdown(d), /· 7 hidden \(release\)_\n$/);
    const all = await draft(fx.releases, { includeHidden: true });
    assert.equal(all.shipped.length, 8);
    assert.ok(titles(all).includes('Release v8.1.1') && titles(all).includes('v8.1.2'));
  });

  it("leaves today's uncommitted changes and current branch out of a past window, in one note", async () => {
    const current = await draft(fx.restore);
    assert.deepEqual(
      current.inProgress.map((item) => item.kind),
      ['current', 'uncommitted'],
    );
    assert.deepEqual(current.notes, []);
    const past = await draft(fx.restore, { window: isoWeekWindow('2026-W46', berlin) });
    assert.deepEqual(past.inProgress, []);
    assert.deepEqual(past.notes, [
      'Uncommitted changes, stashes and the current branch are left out: these dates ended before today.',
    ]);
    assert.deepEqual(titles(past), ['Fuzzy search']);
    assert.match(renderMarkdown(past), /_Uncommitted changes, stashes and the current branch are left out/);
  });
});
