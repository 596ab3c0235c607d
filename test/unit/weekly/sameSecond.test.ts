// Commits made within one second: a fixup! and its target share the author and committer date, so
// only history (parent links) says which came first — never the hash order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { draftFromRepos } from '../../../src/node/weekly/draftRepos';
import { NOW, people, repo } from '../../fixtures/weekly/histories.mjs';

const window = isoWeekWindow('2026-W47', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
const SECOND = '2026-11-18T10:00:00+01:00';

describe('weekly draft: a fixup! in the same second as its target', function () {
  this.timeout(30_000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-same-second-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('folds into its target whichever hash sorts first', async () => {
    const orders = new Set<boolean>();
    for (let run = 0; run < 8; run++) {
      const r = repo(path.join(root, `r${run}`));
      r.write('a.txt', `${run}\n`);
      const target = r.commit(people.ada, SECOND, 'fix: tweak start');
      r.write('a.txt', `${run}\n${run}\n`);
      const fixup = r.commit(people.ada, SECOND, 'fixup! fix: tweak start');
      orders.add(fixup < target);
      const draft = await draftFromRepos({
        roots: [r.dir],
        window,
        now: Date.parse(NOW),
        authors: [],
        includeRepoUserEmail: true,
        gitPath: 'git',
      });
      const titles = draft.shipped.map((item) => item.title);
      assert.deepEqual(titles, ['Tweak start'], `run ${run}: ${titles.join(', ')}`);
      assert.equal(draft.shipped[0].commits.length, 2);
    }
    assert.equal(orders.size, 2, 'the runs cover both hash orders');
  });
});
