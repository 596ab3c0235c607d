// The draft over real git histories built by test/fixtures/weekly/histories.mjs (fixed dates and
// zones): identity, windows by author date, folding and dedupe, evidence for next week, errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WeeklyDraft } from '../../../src/core/weekly/model';
import { renderMarkdown } from '../../../src/core/weekly/render';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { draftFromRepos, type DraftRequest } from '../../../src/node/weekly/draftRepos';
import { decode, parseStatus, snapshotRepo, GitError } from '../../../src/node/weekly/git';
import { discoverRepos } from '../../../src/node/weekly/repos';
import { lastUpdateEnd, previousUpdate, saveUpdate } from '../../../src/node/weekly/updates';
import { buildAll, NOW } from '../../fixtures/weekly/histories.mjs';

const berlin = { timeZone: 'Europe/Berlin', weekStartsOn: 1 as const };
const W47 = isoWeekWindow('2026-W47', berlin);
const now = Date.parse(NOW);

function request(roots: string[], extra: Partial<DraftRequest> = {}): DraftRequest {
  return { roots, window: W47, now, authors: [], includeRepoUserEmail: true, gitPath: 'git', ...extra };
}

const titles = (draft: WeeklyDraft) => draft.shipped.map((item) => item.title);

describe('weekly draft over scripted git histories', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof buildAll>;
  let main: WeeklyDraft;

  before(async () => {
    fx = buildAll();
    main = await draftFromRepos(request([fx.main], { authors: ['ada@users.noreply.github.com'] }));
  });

  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  it('decides by author date in the user zone: Monday 00:10 in, last Sunday 23:30 out, old rebased work out', () => {
    assert.ok(titles(main).includes('Add proration to invoices'));
    assert.ok(titles(main).includes('Add /v2/invoices endpoint'), 'rebased: authored Tuesday, committed Saturday');
    assert.ok(!titles(main).some((t) => /last week's Sunday-night/.test(t)));
    assert.ok(
      !titles(main).some((t) => /rate limits from two weeks ago/.test(t)),
      'authored two weeks ago, committed this week',
    );
    assert.ok(titles(main).includes('Keep session on passkey upgrade'), 'Sunday 17:30');
  });

  it('counts me across user.email, .mailmap, noreply and co-author trailers; never bots or others', () => {
    assert.deepEqual(main.identities, ['ada@users.noreply.github.com', 'ada@example.com']);
    assert.ok(titles(main).includes('Billing cycle (old address, via .mailmap)'));
    assert.ok(titles(main).includes('Button contrast (web editor, noreply address)'));
    const pdf = main.shipped.find((item) => item.title === 'Invoice PDF export');
    assert.equal(pdf?.coAuthored, true);
    assert.ok(!titles(main).includes('Update date-fns'), 'bot commit co-authored by me is still a bot commit');
    assert.ok(!titles(main).includes('SSO for enterprise customers'), "a colleague's commit");
  });

  it('folds merges, fixups, WIP, revert pairs, cherry-picks, rebased copies and squash-merged branches', () => {
    const count = (title: string) => titles(main).filter((t) => t === title).length;
    assert.equal(count('CSV export'), 1);
    assert.equal(main.shipped.find((i) => i.title === 'CSV export')?.pr, 7, 'PR number from "Merge pull request #7"');
    assert.equal(main.shipped.find((i) => i.title === 'Quote fields with commas')?.pr, 7);
    assert.ok(!titles(main).some((t) => /^Merge/.test(t)), 'merge commits are not changes');
    const index = main.shipped.find((i) => i.title === 'Index invoices by customer');
    assert.equal(index?.commits.length, 3, 'the fixup! and the WIP after it fold into the change');
    assert.ok(!titles(main).some((t) => /flaky experiment/.test(t)), 'a commit and its revert cancel');
    assert.ok(titles(main).includes('Reverted “old thing”'), 'a revert of older work stays');
    assert.equal(count('Round refunds to cents'), 1, 'cherry-picked copy with the same patch-id');
    assert.equal(count('Fuzzy invoice search'), 1, 'rebased copy');
    assert.equal(main.shipped.find((i) => i.title === 'Dark mode')?.pr, 9, 'squash merge keeps its (#9)');
    const branches = main.inProgress.filter((i) => i.kind === 'branch').map((i) => i.branch);
    assert.deepEqual(
      branches,
      ['feat/stale-idea', 'feat/usage-billing'],
      'merged, squashed, picked and rebased branches are not in progress',
    );
  });

  it('hides chores and CI by default and lists them with includeHidden', async () => {
    assert.deepEqual(main.hidden.map((i) => i.type).sort(), ['chore', 'ci']);
    assert.ok(!main.shipped.some((i) => i.type === 'chore' || i.type === 'ci'));
    const all = await draftFromRepos(request([fx.main], { includeHidden: true }));
    assert.ok(all.shipped.some((i) => i.type === 'chore'));
    assert.equal(all.hidden.length, 0);
  });

  it('links bullets to the PR or the commit on the remote', () => {
    assert.equal(main.shipped.find((i) => i.pr === 41)?.url, 'https://github.com/acme/payments/pull/41');
    const proration = main.shipped.find((i) => i.title === 'Add proration to invoices')!;
    assert.equal(proration.url, `https://github.com/acme/payments/commit/${proration.sha}`);
  });

  it('drafts next week from evidence: unmerged branches, uncommitted changes, stashes; suggests blockers', () => {
    const usage = main.inProgress.find((i) => i.branch === 'feat/usage-billing')!;
    assert.equal(usage.title, 'Meter API calls per customer', 'named after its last real commit, not "WIP"');
    assert.equal(usage.commits.length, 2);
    assert.ok(main.inProgress.some((i) => i.kind === 'uncommitted' && /^2 uncommitted changes/.test(i.title)));
    assert.ok(main.inProgress.some((i) => i.kind === 'stash' && /^1 stash/.test(i.title)));
    const blockers = main.blockers.map((b) => b.title).join('\n');
    assert.match(blockers, /feat\/stale-idea` has had no commits for 8 days/);
    assert.match(blockers, /blocked by the pricing decision/);
    assert.match(blockers, /Reverted “old thing” — does it need a follow-up/);
  });

  it('writes a 3–4 sentence summary and the sections in order', () => {
    assert.equal(
      main.summary,
      'Shipped 13 changes (5 to the export, the UI and the billing), including “Add proration to invoices” and “Add /v2/invoices endpoint”. ' +
        'Fixed 4 bugs, including “Button contrast (web editor, noreply address)” and “Quote fields with commas”. ' +
        'Next: quarterly report draft (`feat/stale-idea`) and meter API calls per customer (`feat/usage-billing`). ' +
        '3 possible blockers to confirm.',
    );
    const md = renderMarkdown(main);
    const order = [
      '# Week 47 · Mon 16 – Sun 22 Nov 2026 · Europe/Berlin',
      '## Shipped',
      '## In progress / next week',
      '## Blockers',
      '## Focus',
      'Counting you as: ',
    ];
    let at = -1;
    for (const marker of order) {
      const next = md.indexOf(marker);
      assert.ok(next > at, `${marker} after the previous section`);
      at = next;
    }
    assert.equal(main.offDays, 2, 'Saturday and Sunday commits');
  });

  it('reads non-UTF-8 messages: declared Latin-1 re-encoded, undeclared bytes decoded tolerantly', async () => {
    const draft = await draftFromRepos(request([fx.encodings]));
    assert.deepEqual(titles(draft).sort(), [
      'Café au lait',
      'Emoji ✨ and ünïcödé',
      'Naïve résumé parser',
      'Price in € – “q”',
    ]);
    assert.equal(decode(Buffer.from([0x63, 0x61, 0x66, 0xe9])), 'café');
    assert.equal(
      decode(Buffer.from([0x80, 0x85, 0x91, 0x92, 0x97, 0x99, 0x9f, 0x81, 0xa0, 0xff])),
      '€…‘’—™Ÿ\u0081\u00a0ÿ',
    );
  });

  it('reports a detached HEAD, a shallow clone and an empty week as a friendly draft', async () => {
    const detached = await draftFromRepos(request([fx.detached]));
    assert.match(detached.inProgress.find((i) => i.kind === 'detached')!.title, /^Detached HEAD at [0-9a-f]{7}/);
    assert.deepEqual(titles(detached), ['One', 'Two'], 'main still holds both commits');
    const shallow = await draftFromRepos(request([fx.shallow]));
    assert.equal(shallow.repos[0].shallow, true);
    assert.match(shallow.notes[0], /shallow clone: these dates may be incomplete/);
    const empty = await draftFromRepos(request([fx.empty.unborn, fx.empty.quiet]));
    assert.equal(empty.shipped.length, 0);
    assert.match(empty.summary, /^No shipped changes this week/);
    assert.match(renderMarkdown(empty), /Nothing shipped between these dates/);
  });

  it('keeps the DST week in Berlin: Sunday 23:30 after the change is in, Monday 00:15 is out', async () => {
    const draft = await draftFromRepos(
      request([fx.dst], { window: isoWeekWindow('2026-W43', berlin), now: Date.parse('2026-10-26T12:00:00+01:00') }),
    );
    assert.deepEqual(titles(draft), [
      'Monday just after midnight',
      'Sunday 23:30 after the change',
      'During the repeated hour',
    ]);
  });

  it('finds every repository of a folder (nested, not in node_modules) and links GitLab/Bitbucket', async () => {
    const found = await discoverRepos([fx.two.dir], [], 3, { gitPath: 'git' });
    assert.deepEqual(found.roots, [fx.two.api, fx.two.web]);
    const draft = await draftFromRepos(request(found.roots));
    assert.deepEqual(
      draft.repos.map((r) => r.name),
      ['api', 'web'],
    );
    // On GitLab "(#12)" names an issue, not a merge request ("!12"): the bullet links its commit.
    const web = draft.shipped.find((i) => i.repo === 'web')!;
    assert.equal(web.pr, null);
    assert.equal(web.url, `https://gitlab.com/acme/web/-/commit/${web.sha}`);
    assert.match(
      draft.shipped.find((i) => i.repo === 'api')!.url!,
      /^https:\/\/bitbucket\.org\/acme\/api\/commits\/[0-9a-f]{40}$/,
    );
    const shallow = await discoverRepos([fx.two.dir], [], 1, { gitPath: 'git' });
    assert.deepEqual(shallow.roots, [fx.two.web], 'depth 1 does not reach services/api');
  });

  it('says "not a git repository" and "git not found" in one line', async () => {
    await assert.rejects(
      snapshotRepo(fx.notRepo, { gitPath: 'git', since: 0, recentSince: 0 }),
      (e: Error) => e instanceof GitError && e.kind === 'not-a-repo' && /is not a git repository$/.test(e.message),
    );
    await assert.rejects(
      snapshotRepo(fx.main, { gitPath: path.join(fx.root, 'no-git'), since: 0, recentSince: 0 }),
      (e: Error) => e instanceof GitError && e.kind === 'git-missing' && /git was not found/.test(e.message),
    );
  });

  it('reads branches from packed-refs and from a linked worktree the same way', async () => {
    const { execFileSync } = await import('node:child_process');
    execFileSync('git', ['pack-refs', '--all'], { cwd: fx.main });
    const worktree = path.join(fx.root, 'main-worktree');
    execFileSync('git', ['worktree', 'add', '-q', '--detach', worktree, 'feat/usage-billing'], { cwd: fx.main });
    const packed = await draftFromRepos(request([fx.main], { authors: ['ada@users.noreply.github.com'] }));
    assert.deepEqual(titles(packed), titles(main));
    assert.deepEqual(
      packed.inProgress.filter((i) => i.kind === 'branch').map((i) => i.branch),
      ['feat/stale-idea', 'feat/usage-billing'],
    );
    const linked = await draftFromRepos(request([worktree], { authors: ['ada@users.noreply.github.com'] }));
    assert.deepEqual(titles(linked), titles(main));
    assert.equal(linked.repos[0].shallow, false);
    assert.ok(linked.inProgress.some((i) => i.kind === 'detached'));
  });

  it('parses porcelain v2 status with renames', () => {
    const bytes = Buffer.from(
      '# branch.oid (initial)\0# branch.head (detached)\0# stash 3\0' +
        '1 .M N... 100644 100644 100644 a b f.txt\0' +
        '2 R. N... 100644 100644 100644 a b R100 new.txt\0old.txt\0' +
        '? u.txt\0? updates/my update.md\0',
    );
    assert.deepEqual(parseStatus(bytes), {
      head: null,
      branch: null,
      uncommitted: 4,
      stashes: 3,
      changed: ['f.txt', 'new.txt', 'u.txt', 'updates/my update.md'],
    });
  });

  it('saves updates without overwriting, and compares last week plan with what shipped', async () => {
    const folder = path.join(fx.root, 'updates');
    const w46 = isoWeekWindow('2026-W46', berlin);
    const plan =
      '# Week 46\n\n## Shipped\n\n- something\n\n## In progress / next week\n\n- `feat/export`: CSV export for invoices\n- [#41](https://x/pull/41) v2 API\n- Migrate the ledger to Postgres\n\n## Blockers\n\n- none\n';
    const first = await saveUpdate(folder, w46.id, plan);
    const second = await saveUpdate(folder, w46.id, 'other');
    assert.equal(path.basename(first), '2026-W46.md');
    assert.equal(path.basename(second), '2026-W46-2.md');
    assert.equal(fs.readFileSync(first, 'utf8'), plan);
    assert.equal(await lastUpdateEnd(folder, berlin), w46.end);
    const previous = await previousUpdate(folder, W47, berlin);
    assert.deepEqual(previous, { text: plan, problem: null });
    const draft = await draftFromRepos(request([fx.main], { previousUpdate: previous.text }));
    assert.deepEqual(draft.lastWeek, [
      { item: '`feat/export`: CSV export for invoices', shipped: 'CSV export', ongoing: false },
      { item: '#41 v2 API', shipped: 'Add /v2/invoices endpoint', ongoing: false },
      { item: 'Migrate the ledger to Postgres', shipped: null, ongoing: false },
    ]);
    assert.match(renderMarkdown(draft), /Planned last week: 2 of 3 shipped/);
  });
});
