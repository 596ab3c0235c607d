// The summary sentence by sentence: exact strings for the cases a reviewer read badly, and a property
// that arbitrary commit titles never change the number of sentences (3 or 4).
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDraft } from '../../../src/core/weekly/draft';
import type { RawCommit, RepoSnapshot } from '../../../src/core/weekly/model';
import { areaWords, clause } from '../../../src/core/weekly/summary';
import { isoWeekWindow } from '../../../src/core/weekly/window';

const W47 = isoWeekWindow('2026-W47', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
const now = Date.parse('2026-11-22T18:00:00+01:00');

function commits(subjects: readonly string[], window = W47): RawCommit[] {
  // Newest first and chained, as git log gives them.
  const list = subjects.map((subject, i) => {
    const date = window.start + 86_400_000 + i * 3_600_000;
    return {
      sha: (i + 1).toString(16).padStart(40, 'c'),
      parents: [] as string[],
      tree: `t${i}`,
      authorName: 'Ada',
      authorEmail: 'ada@example.com',
      authorDate: date,
      committerEmail: 'ada@example.com',
      committerDate: date,
      subject,
      body: '',
    };
  });
  list.reverse();
  return list.map((c, i) => ({ ...c, parents: i + 1 < list.length ? [list[i + 1].sha] : [] }));
}

function summary(subjects: readonly string[], window = W47): string {
  const chained = commits(subjects, window);
  const repo: RepoSnapshot = {
    path: '/r/pay',
    name: 'pay',
    userEmail: 'ada@example.com',
    mailmap: null,
    webUrl: null,
    defaultBranch: 'main',
    defaultTip: chained[0]?.sha ?? null,
    currentBranch: 'main',
    head: chained[0]?.sha ?? null,
    shallow: false,
    uncommitted: 0,
    stashes: 0,
    branches: [],
    commits: chained,
    patchIds: {},
  };
  return buildDraft({ window, now, repos: [repo], authors: [], includeRepoUserEmail: true }).summary;
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/);

describe('weekly summary sentences', () => {
  it('lists scopes as areas in English, and skips scopes that are not areas', () => {
    assert.deepEqual(['website', 'deps', 'parser', 'api', 'commit', 'release', 'main', null].map(areaWords), [
      'the website',
      'dependencies',
      'the parser',
      'the API',
      null,
      null,
      null,
      null,
    ]);
    // Names from the code read as code, not as nouns with an article.
    assert.deepEqual(['optimize-deps', 'create_app', '@vite/client', 'v2', 'useQuery', 'billing'].map(areaWords), [
      '`optimize-deps`',
      '`create_app`',
      '`@vite/client`',
      '`v2`',
      '`useQuery`',
      'the billing',
    ]);
  });

  it('names two changes titled alike once', () => {
    // sveltejs/svelte, week 20 of 2026: two private-fork squashes with empty bodies.
    assert.match(
      summary(['Merge commit from fork', 'Merge commit from fork', 'fix: treat batches as a linked list']),
      /^Shipped 3 changes, including “Merge commit from fork”\. Fixed 1 bug: “Treat batches as a linked list”\./,
    );
    assert.match(
      summary(['fix: keep session', 'fix: keep session', 'fix: round refunds']),
      /Fixed 3 bugs, including “Keep session” and “Round refunds”\./,
    );
  });

  it('says how many changes the areas hold when not all of them do', () => {
    // kubernetes-mixin, week 43 of 2025: one change of six was to the cluster-total dashboard.
    assert.match(
      summary([
        'feat: kube-scheduler local dev',
        'fix: revert failed pods marked as NotReady',
        'fix(cluster-total dashboard): remove joined kube_pod_info in TCP queries',
        'fix: release workflow wrong go version',
        'fix: CPUThrottlingHigh multiple series error',
        'scheduler: replace deprecated metric',
      ]),
      /^Shipped 6 changes \(1 to `cluster-total dashboard`\), including “kube-scheduler local dev”/,
    );
    assert.match(
      summary(['fix(dashboards): a', 'fix(dashboards): b', 'fix(alerts): c', 'feat: d']),
      /^Shipped 4 changes \(3 to the dashboards and the alerts\)/,
    );
    assert.match(
      summary(['fix(dashboards): a', 'feat(alerts): b']),
      /^Shipped 2 changes to the alerts and the dashboards/,
    );
  });

  it('reads a change with several scopes as a change to each area', () => {
    assert.match(
      summary(['feat(api, ui): add X', 'refactor(optimize-deps): split Y', 'docs(api): explain Z']),
      /^Shipped 3 changes to the API, the UI and `optimize-deps`, including “Add X”/,
    );
  });

  it('quotes highlights so imperative subjects read as names, and names all when all fit', () => {
    assert.equal(
      summary(['feat(api): add missing X', 'feat(api): add existing Y']),
      'Shipped 2 changes to the API: “Add missing X” and “Add existing Y”. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
    assert.equal(
      summary(['feat: add missing X', 'feat: add existing Y', 'docs: explain Z']),
      'Shipped 3 changes, including “Add missing X” and “Add existing Y”. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
  });

  it('strips trailing punctuation and keeps a title to its first clause: no double periods', () => {
    assert.equal(
      summary(['feat: add proration.', 'fix: keep session. Also tidy the CSS!']),
      'Shipped 2 changes, including “Add proration”. Fixed 1 bug: “Keep session”. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
    assert.equal(clause('Fix login.\nSecond line'), 'Fix login');
    assert.equal(clause('...'), 'untitled change');
    assert.equal(clause('Bump to v1.2.3'), 'Bump to v1.2.3');
  });

  it('does not name a breaking fix again among the fixes', () => {
    assert.equal(
      summary(['fix!: drop the v1 endpoint', 'fix: keep session', 'fix: round refunds', 'fix: quote fields']),
      'Shipped 4 changes, including “Drop the v1 endpoint”. Fixed 3 bugs, including “Keep session” and “Round refunds”; 1 breaking change to announce. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
  });

  it('names a single change once, and calls a past week by its number', () => {
    assert.equal(
      summary(['fix: keep session']),
      'Shipped 1 change: “Keep session”. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
    const W45 = isoWeekWindow('2026-W45', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
    assert.equal(
      summary([], W45),
      'No shipped changes in week 45 — write down what happened off the commit log. Next: nothing in flight yet — add what you plan to pick up. No blockers found.',
    );
    assert.match(summary([]), /^No shipped changes this week — /);
  });

  it('a title of punctuation runs adds no sentence ("?! \\"" once gave “? "”)', () => {
    assert.equal(clause('?! "'), '"');
    assert.equal(clause('fix: a?! b'), 'fix: a');
  });

  it('property: any titles give 3 or 4 sentences, each ending in one period', () => {
    const title = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('add X.', 'fix: a. b; c!', '...', 'feat!: drop. it', 'x?!', 'fix: e.g. this', 'wip', '“q”.'),
    );
    const subject = fc.tuple(fc.constantFrom('', 'feat: ', 'fix: ', 'fix!: ', 'docs(x): ', 'chore: '), title);
    fc.assert(
      fc.property(fc.array(subject, { maxLength: 6 }), (parts) => {
        const text = summary(parts.map(([type, t]) => type + t));
        const count = sentences(text).length;
        assert.ok(count >= 3 && count <= 4, `${count} sentences: ${text}`);
        for (const sentence of sentences(text)) assert.match(sentence, /[^.!?;:,\s]\.$/, `ends badly: ${text}`);
      }),
      { numRuns: 500, seed: 20261129 },
    );
  });
});
