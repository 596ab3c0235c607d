// The draft over repository states the first fixtures missed (each scripted in
// test/fixtures/weekly/histories.mjs): origin/HEAD ahead of the local main with unpushed local
// commits, user config that changes git's output, and more to come per review finding.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WeeklyDraft } from '../../../src/core/weekly/model';
import { renderMarkdown } from '../../../src/core/weekly/render';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { draftFromRepos, type DraftRequest } from '../../../src/node/weekly/draftRepos';
import {
  buildGitLab,
  buildHostileConfig,
  buildOriginAhead,
  buildPastWeekPick,
  buildStacked,
  NOW,
} from '../../fixtures/weekly/histories.mjs';

const berlin = { timeZone: 'Europe/Berlin', weekStartsOn: 1 as const };
const W47 = isoWeekWindow('2026-W47', berlin);
const now = Date.parse(NOW);

function request(roots: string[], extra: Partial<DraftRequest> = {}): DraftRequest {
  return { roots, window: W47, now, authors: [], includeRepoUserEmail: true, gitPath: 'git', ...extra };
}

const titles = (draft: WeeklyDraft) => draft.shipped.map((item) => item.title);

describe('weekly draft over repository states', function () {
  this.timeout(30_000);
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-weekly-states-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reads origin/HEAD when autofetch moved it ahead of the local main (#1)', async () => {
    const dir = buildOriginAhead(path.join(root, 'origin-ahead')).dir;
    const draft = await draftFromRepos(request([dir]));
    assert.deepEqual(titles(draft), ['First change, pulled', 'Merged on the forge', 'Second forge merge']);
    assert.deepEqual(
      draft.shipped.map((item) => item.pr),
      [null, 21, 23],
    );
    // Unpushed commits on the local main: in progress, not shipped, not lost (#3).
    const unpushed = draft.inProgress.filter((item) => item.kind === 'unpushed');
    assert.deepEqual(
      unpushed.map((item) => [item.title, item.branch, item.commits.length, item.url]),
      [['1 unpushed commit on `main`', 'main', 1, null]],
    );
    assert.ok(!titles(draft).includes('Committed locally, not pushed'));
    assert.match(draft.summary, /Next: pushing 1 commit on `main`\./);
  });

  it('ignores user config that changes git output: signatures, colour, decorations, external diff (#2)', async () => {
    const dir = buildHostileConfig(path.join(root, 'hostile')).dir;
    const draft = await draftFromRepos(request([dir]));
    assert.deepEqual(titles(draft), ['Signed change', 'Picked fix']);
    const picked = draft.shipped.find((item) => item.title === 'Picked fix')!;
    assert.equal(picked.commits.length, 1, 'the cherry-pick and its original fold: patch ids were read');
    assert.ok(
      draft.shipped.every((item) => /^[0-9a-f]{40}$/.test(item.sha)),
      'no colour codes or decorations in shas',
    );
  });

  it('dedupes cherry-picks in a past week even when later commits share subjects by the hundred (#4)', async () => {
    const dir = buildPastWeekPick(path.join(root, 'past-pick')).dir;
    const draft = await draftFromRepos(request([dir], { window: isoWeekWindow('2026-W45', berlin) }));
    assert.deepEqual(titles(draft), ['Refunds', 'Round refunds to cents']);
    assert.equal(draft.shipped[1].commits.length, 1);
  });

  it('gives stacked PRs their own numbers: the earlier merge keeps its commits (#5)', async () => {
    const dir = buildStacked(path.join(root, 'stacked')).dir;
    const draft = await draftFromRepos(request([dir]));
    assert.deepEqual(
      draft.shipped.map((item) => [item.title, item.pr]),
      [
        ['Part one', 31],
        ['Part two', 32],
      ],
    );
  });

  it('links GitLab merge requests by "!13", and "(#12)" (an issue there) to its commit (#8)', async () => {
    const dir = buildGitLab(path.join(root, 'gitlab')).dir;
    const draft = await draftFromRepos(request([dir]));
    const [landing, pricing] = draft.shipped;
    assert.deepEqual(
      [landing.title, landing.pr, landing.url],
      ['Landing page', null, `https://gitlab.acme.io/web/site/-/commit/${landing.sha}`],
    );
    assert.deepEqual(
      [pricing.title, pricing.pr, pricing.url],
      ['Pricing page', 13, 'https://gitlab.acme.io/web/site/-/merge_requests/13'],
    );
    assert.match(
      renderMarkdown(draft),
      /- Pricing page · \[!13\]\(https:\/\/gitlab\.acme\.io\/web\/site\/-\/merge_requests\/13\)/,
    );
  });
});
