// GitHub evidence onto the draft: a local clone and a week on the test server, read by real Octokit,
// mapped by core/weekly/githubDraft. Plus the pure rules on their own (latest review per reviewer,
// failing checks, closing keywords, remotes, search edges).
import * as assert from 'node:assert/strict';
import { buildDraft } from '../../../src/core/weekly/draft';
import {
  apiUrlOfHost,
  closingRefs,
  githubRepoOf,
  graphqlUrlOf,
  hostOfApi,
  searchQueries,
  servedHost,
} from '../../../src/core/weekly/github';
import { changesRequestedBy, failingChecks } from '../../../src/core/weekly/githubDraft';
import type { RepoSnapshot, WeeklyDraft } from '../../../src/core/weekly/model';
import { addGithub } from '../../../src/node/github/draftGithub';
import { type GithubTestServer, startGithubServer } from '../../fixtures/github/server';
import { localSnapshot, NOW, SHA, scenarioWorld, WINDOW } from './scenario';

function localDraft(snapshot: RepoSnapshot): WeeklyDraft {
  return buildDraft({ window: WINDOW, now: NOW, repos: [snapshot], authors: [], includeRepoUserEmail: true });
}

describe('GitHub evidence in the draft', function () {
  this.timeout(20_000);
  let server: GithubTestServer;
  let draft: WeeklyDraft;
  let local: WeeklyDraft;
  before(async () => {
    server = await startGithubServer(scenarioWorld());
    const snapshot = localSnapshot();
    local = localDraft(snapshot);
    draft = await addGithub(local, [snapshot], {
      token: 't',
      apiUrl: server.url,
      now: NOW,
      retryUnitMs: 5,
      mergeableDelayMs: 5,
    });
  });
  after(() => server.close());

  it('reports ok with the signed-in user', () => {
    assert.deepEqual(draft.github, { status: 'ok', user: 'mona', message: null });
  });

  it('ships my PRs merged in the window, by merged_at in the user’s zone', () => {
    const refs = draft.shipped.filter((item) => item.ref).map((item) => item.ref);
    // #14 merged Sunday 23:40 Berlin is in; #15 Monday 00:20 is out; #16 closed unmerged is out.
    assert.deepEqual(refs, ['octo/app#12', 'octo/lib#17', 'octo/app#13', 'octo/app#14']);
    const fork = draft.shipped.find((item) => item.ref === 'octo/lib#17')!;
    assert.equal(fork.repo, 'octo/lib', 'no local clone: the repository is named');
    assert.deepEqual(fork.commits, []);
    assert.equal(fork.url, `${server.url}/octo/lib/pull/17`);
    assert.equal(new Date(fork.mergedAt!).toISOString(), '2026-11-03T12:00:00.000Z');
  });

  it('one bullet per PR absorbs its local commits: squash suffix, rebase (commits/{sha}/pulls), merge commit', () => {
    const byRef = (ref: string) => draft.shipped.find((item) => item.ref === ref)!;
    assert.deepEqual(byRef('octo/app#12').commits, [SHA.squash12]);
    assert.deepEqual([...byRef('octo/app#13').commits].sort(), [SHA.rebase13a, SHA.rebase13b].sort());
    assert.deepEqual(byRef('octo/app#14').commits, [SHA.branch14]);
    // Every local commit appears once: in its PR's bullet, or (no PR) as its own bullet.
    const all = draft.shipped.flatMap((item) => item.commits);
    assert.equal(new Set(all).size, all.length);
    const rest = draft.shipped.filter((item) => !item.ref);
    assert.deepEqual(
      rest.map((item) => item.commits),
      [[SHA.docs]],
    );
    assert.ok(local.shipped.length > rest.length);
    // The lookup was asked only for commits without a PR number.
    const asked = server.requests.filter((r) => /\/commits\/[0-9a-f]+\/pulls$/.test(r.path)).map((r) => r.path);
    assert.ok(
      asked.every((path) => path.startsWith('/repos/octo/app/')),
      'a fork asks its upstream',
    );
    assert.ok(!asked.some((path) => path.includes(SHA.squash12)));
  });

  it('issues closed by my merged PRs in the window, listed under their PR', () => {
    assert.deepEqual(draft.issuesClosed, [
      {
        ref: 'octo/app#88',
        title: 'Export to CSV',
        url: `${server.url}/octo/app/issues/88`,
        closedAt: '2026-11-03T10:05:03.000Z',
        by: 'octo/app#12',
      },
    ]);
    assert.deepEqual(draft.shipped.find((item) => item.ref === 'octo/app#12')!.closes, ['octo/app#88']);
  });

  it('reviews given: by submitted_at, no pending review, no reply on my own PR', () => {
    assert.deepEqual(draft.reviews, [
      {
        ref: 'octo/app#50',
        title: 'Faster builds',
        author: 'bob',
        url: `${server.url}/octo/app/pull/50`,
        states: ['COMMENTED', 'APPROVED'],
        submittedAt: '2026-11-04T09:00:00.000Z',
      },
    ]);
  });

  it('next week: my open PRs (drafts marked, absorbing the local branch), review requests, issues by milestone due date', () => {
    const github = draft.inProgress.filter((item) => item.ref);
    assert.deepEqual(
      github.map((item) => [item.kind, item.ref]),
      [
        ['pr', 'octo/app#20'],
        ['draft-pr', 'octo/app#21'],
        ['pr', 'octo/app#22'],
        ['review-request', 'octo/app#60'],
        ['issue', 'octo/lib#92'],
        ['issue', 'octo/app#90'],
        ['issue', 'octo/app#91'],
      ],
    );
    const dash = github.find((item) => item.ref === 'octo/app#20')!;
    assert.equal(dash.branch, 'feat/dash');
    assert.deepEqual(dash.commits, [SHA.dash]);
    assert.ok(!draft.inProgress.some((item) => item.kind === 'branch' && item.branch === 'feat/dash'));
    assert.deepEqual(github.find((item) => item.ref === 'octo/lib#92')!.milestone, {
      title: 'v1.1',
      dueOn: '2026-11-20T08:00:00Z',
    });
    assert.equal(github.find((item) => item.ref === 'octo/app#91')!.milestone, null);
  });

  it('blockers with their evidence', () => {
    const found = draft.blockers.filter((b) => b.reason).map((b) => [b.ref, b.reason, b.evidence]);
    assert.deepEqual(found, [
      ['octo/app#20', 'changes-requested', 'changes requested by @alice'],
      ['octo/app#20', 'failing-check', `build failed on ${'d'.repeat(7)}`],
      ['octo/app#20', 'merge-conflict', 'not mergeable into `main`'],
      ['octo/app#21', 'waiting-on-pr', 'based on `feat/dash`, the branch of #20'],
      ['octo/app#22', 'no-reviewer', 'open since Thu 5 Nov, no reviewer requested and no review'],
      ['octo/app#22', 'blocked-label', 'label Blocked'],
    ]);
    assert.ok(draft.blockers.every((b) => !b.reason || b.url?.startsWith(server.url)));
  });

  it('the summary uses the evidence', () => {
    assert.match(draft.summary, /^Merged 4 PRs/);
    assert.match(draft.summary, /; reviewed 1 PR and closed 1 issue\./);
    assert.match(draft.summary, /Next: #20 “new dashboard”, #21 “Stacked on the dashboard” and 1 other PR\./);
    assert.match(draft.summary, /Blocked: #20 waits on changes requested/);
  });
});

describe('GitHub evidence rules', () => {
  it('the latest verdict per reviewer counts; comments and pending reviews do not change it', () => {
    const at = (h: number) => Date.parse('2026-11-03T00:00:00Z') + h * 3_600_000;
    assert.deepEqual(
      changesRequestedBy([
        { user: 'a', state: 'CHANGES_REQUESTED', submittedAt: at(1) },
        { user: 'a', state: 'COMMENTED', submittedAt: at(2) },
        { user: 'b', state: 'CHANGES_REQUESTED', submittedAt: at(1) },
        { user: 'b', state: 'APPROVED', submittedAt: at(3) },
        { user: 'c', state: 'CHANGES_REQUESTED', submittedAt: at(1) },
        { user: 'c', state: 'DISMISSED', submittedAt: at(2) },
        { user: 'd', state: 'PENDING', submittedAt: null },
      ]),
      ['a'],
    );
  });

  it('pending, skipped and neutral checks are not failures', () => {
    assert.deepEqual(
      failingChecks({
        checks: [
          { name: 'a', status: 'completed', conclusion: 'skipped' },
          { name: 'b', status: 'completed', conclusion: 'neutral' },
          { name: 'c', status: 'queued', conclusion: null },
          { name: 'd', status: 'completed', conclusion: 'timed_out' },
        ],
        statuses: [
          { context: 'e', state: 'pending' },
          { context: 'f', state: 'error' },
        ],
      }),
      ['d', 'f'],
    );
  });

  it('closing keywords', () => {
    assert.deepEqual(
      closingRefs(
        'Fixes #1. Resolves octo/lib#2\ncloses https://github.com/octo/x/issues/3 — refs #4, closes #1',
        'octo/app',
      ),
      ['octo/app#1', 'octo/lib#2', 'octo/x#3'],
    );
    assert.deepEqual(closingRefs(null, 'octo/app'), []);
  });

  it('remotes and Enterprise URLs', () => {
    assert.deepEqual(githubRepoOf('git@github.com:octo/app.git'), { host: 'github.com', repo: 'octo/app' });
    assert.deepEqual(githubRepoOf('ssh://git@github.com/octo/app'), { host: 'github.com', repo: 'octo/app' });
    assert.deepEqual(githubRepoOf('https://ghe.acme.io/team/svc.git'), { host: 'ghe.acme.io', repo: 'team/svc' });
    assert.equal(githubRepoOf('git@gitlab.com:octo/app.git'), null);
    assert.equal(hostOfApi('https://api.github.com'), 'github.com');
    assert.equal(hostOfApi('https://ghe.acme.io/api/v3'), 'ghe.acme.io');
    assert.equal(apiUrlOfHost('ghe.acme.io'), 'https://ghe.acme.io/api/v3');
    assert.equal(graphqlUrlOf('https://ghe.acme.io/api/v3'), 'https://ghe.acme.io/api/graphql');
    assert.equal(graphqlUrlOf('https://api.github.com'), 'https://api.github.com/graphql');
    assert.equal(servedHost('https://ghe.acme.io/api/v3', ['github.com', 'ghe.acme.io']), 'ghe.acme.io');
    assert.equal(servedHost('http://127.0.0.1:4000', ['github.com']), 'github.com');
  });

  it('search edges are UTC instants, never an offset', () => {
    const q = searchQueries(WINDOW, 'mona');
    assert.equal(q.merged, 'is:pr author:mona merged:2026-11-01T23:00:00Z..2026-11-08T22:59:59Z');
    assert.ok(Object.values(q).every((text) => !text.includes('+')));
  });
});

describe('Enterprise remotes', function () {
  this.timeout(20_000);
  it('an Enterprise API serves the remotes on its host', async () => {
    const server = await startGithubServer(scenarioWorld());
    try {
      // The test server stands in for ghe host 127.0.0.1: its remotes are matched, github.com's are not.
      const snapshot = localSnapshot(['http://127.0.0.1/octo/app.git']);
      const draft = await addGithub(localDraft(snapshot), [snapshot], {
        token: 't',
        apiUrl: server.enterpriseUrl,
        now: NOW,
        retryUnitMs: 5,
        mergeableDelayMs: 5,
      });
      assert.equal(draft.github.status, 'ok');
      const pr12 = draft.shipped.find((item) => item.ref === 'octo/app#12')!;
      assert.equal(pr12.repo, 'app');
      assert.equal(pr12.url, `${server.url}/octo/app/pull/12`);
    } finally {
      await server.close();
    }
  });
});
