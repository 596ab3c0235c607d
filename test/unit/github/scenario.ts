// One week of a user's GitHub activity and the matching local clone, shared by the mapping, CLI and
// extension tests. Week 2026-W45 in Europe/Berlin: Mon 2 Nov 00:00 (+01:00) = 1 Nov 23:00 UTC, to
// Mon 9 Nov 00:00 local = 8 Nov 23:00 UTC.
import type { RawCommit, RepoSnapshot } from '../../../src/core/weekly/model';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { emptyWorld, type World } from '../../fixtures/github/server';

export const WINDOW = isoWeekWindow('2026-W45', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });
export const NOW = Date.parse('2026-11-07T12:00:00Z');
export const EMAIL = 'mona@example.com';

const sha = (n: number) => n.toString(16).padStart(40, 'c');
export const SHA = {
  squash12: sha(1),
  rebase13a: sha(2),
  rebase13b: sha(3),
  branch14: sha(4),
  merge14: sha(5),
  docs: sha(6),
  dash: sha(7),
};

function commit(id: string, parents: string[], subject: string, date: string, body = ''): RawCommit {
  const at = Date.parse(date);
  return {
    sha: id,
    parents,
    tree: `tree-${id}`,
    authorName: 'Mona',
    authorEmail: EMAIL,
    authorDate: at,
    committerEmail: EMAIL,
    committerDate: at,
    subject,
    body,
  };
}

/** The local clone: a fork (origin) of octo/app (upstream). Newest first, as git log gives them. */
export function localSnapshot(
  remoteUrls = ['https://github.com/mona/app.git', 'git@github.com:octo/app.git'],
): RepoSnapshot {
  const commits = [
    commit(SHA.docs, [SHA.merge14], 'docs: explain the export format', '2026-11-06T09:00:00Z'),
    commit(
      SHA.merge14,
      [SHA.rebase13b, SHA.branch14],
      'Merge pull request #14 from mona/feat-filters',
      '2026-11-05T16:00:00Z',
    ),
    commit(SHA.branch14, [SHA.rebase13b], 'feat: filters on the report', '2026-11-05T11:00:00Z'),
    commit(SHA.rebase13b, [SHA.rebase13a], 'fix: align the footer', '2026-11-04T15:00:00Z'),
    commit(SHA.rebase13a, [SHA.squash12], 'fix: typo in the header', '2026-11-04T14:00:00Z'),
    commit(SHA.squash12, [], 'feat: add CSV export (#12)', '2026-11-03T10:00:00Z'),
    commit(SHA.dash, [SHA.docs], 'feat: dashboard skeleton', '2026-11-06T15:00:00Z'),
  ];
  return {
    path: '/work/app',
    name: 'app',
    userEmail: EMAIL,
    mailmap: null,
    webUrl: 'https://github.com/mona/app',
    remoteUrls,
    defaultBranch: 'main',
    defaultTip: SHA.docs,
    currentBranch: 'feat/dash',
    head: SHA.dash,
    shallow: false,
    uncommitted: 0,
    stashes: 0,
    branches: [
      {
        name: 'main',
        tip: SHA.docs,
        tipAuthorName: '',
        tipAuthorEmail: '',
        tipAuthorDate: 0,
        tipSubject: '',
        merged: null,
      },
      {
        name: 'feat/dash',
        tip: SHA.dash,
        tipAuthorName: '',
        tipAuthorEmail: '',
        tipAuthorDate: 0,
        tipSubject: '',
        merged: null,
      },
    ],
    commits: [commits[6], ...commits.slice(0, 6)],
    patchIds: {},
  };
}

/** What GitHub knows about the same week. */
export function scenarioWorld(): World {
  const world = emptyWorld('mona');
  world.repos.push('mona/app', 'octo/app', 'octo/lib');
  const merged = (number: number, title: string, mergedAt: string, extra: Partial<World['pulls'][number]> = {}) =>
    world.pulls.push({
      repo: 'octo/app',
      number,
      title,
      author: 'mona',
      state: 'closed',
      createdAt: '2026-11-02T08:00:00Z',
      mergedAt,
      closedAt: mergedAt,
      headRepo: 'mona/app',
      ...extra,
    });
  merged(12, 'feat: add CSV export', '2026-11-03T10:05:00Z', {
    body: 'Adds the export.\n\nCloses #88, fixes octo/lib#3',
  });
  merged(13, 'fix: header and footer alignment', '2026-11-04T15:30:00Z', { commits: [SHA.rebase13a, SHA.rebase13b] });
  // Sunday 23:40 in Berlin: inside the week.
  merged(14, 'feat: filters on the report', '2026-11-08T22:40:00Z');
  // Monday 00:20 in Berlin: next week.
  merged(15, 'feat: next week already', '2026-11-08T23:20:00Z');
  // Closed without merging: not shipped.
  world.pulls.push({
    repo: 'octo/app',
    number: 16,
    title: 'Abandoned idea',
    author: 'mona',
    state: 'closed',
    createdAt: '2026-11-02T08:00:00Z',
    closedAt: '2026-11-03T08:00:00Z',
    mergedAt: null,
  });
  // From a fork, opened weeks ago, in a repository without a local clone.
  world.pulls.push({
    repo: 'octo/lib',
    number: 17,
    title: 'Support Node 22',
    author: 'mona',
    state: 'closed',
    createdAt: '2026-10-01T08:00:00Z',
    mergedAt: '2026-11-03T12:00:00Z',
    headRepo: 'mona/lib',
  });
  world.issues.push(
    {
      repo: 'octo/app',
      number: 88,
      title: 'Export to CSV',
      state: 'closed',
      createdAt: '2026-10-01T08:00:00Z',
      closedAt: '2026-11-03T10:05:03Z',
    },
    {
      repo: 'octo/lib',
      number: 3,
      title: 'Old issue closed long ago',
      state: 'closed',
      createdAt: '2026-01-01T08:00:00Z',
      closedAt: '2026-02-01T08:00:00Z',
    },
  );

  // Reviews given.
  const pr = (number: number, author: string, title: string, extra: Partial<World['pulls'][number]> = {}) =>
    world.pulls.push({
      repo: 'octo/app',
      number,
      title,
      author,
      state: 'open',
      createdAt: '2026-10-20T08:00:00Z',
      ...extra,
    });
  pr(50, 'bob', 'Faster builds');
  pr(51, 'carol', 'Pending only');
  pr(52, 'bob', 'Reviewed last week', { updatedAt: '2026-11-03T08:00:00Z' });
  world.reviews.push(
    { repo: 'octo/app', number: 50, user: 'mona', state: 'COMMENTED', submittedAt: '2026-11-03T09:00:00Z' },
    { repo: 'octo/app', number: 50, user: 'mona', state: 'APPROVED', submittedAt: '2026-11-04T09:00:00Z' },
    { repo: 'octo/app', number: 51, user: 'mona', state: 'PENDING', submittedAt: null },
    { repo: 'octo/app', number: 52, user: 'mona', state: 'APPROVED', submittedAt: '2026-10-28T09:00:00Z' },
  );

  // My open PRs.
  pr(20, 'mona', 'feat: new dashboard', {
    headRef: 'feat/dash',
    headSha: 'd'.repeat(40),
    mergeable: [null, false],
    createdAt: '2026-11-02T08:00:00Z',
    requestedReviewers: ['alice'],
  });
  world.reviews.push(
    { repo: 'octo/app', number: 20, user: 'alice', state: 'CHANGES_REQUESTED', submittedAt: '2026-11-03T09:00:00Z' },
    { repo: 'octo/app', number: 20, user: 'alice', state: 'COMMENTED', submittedAt: '2026-11-04T09:00:00Z' },
    { repo: 'octo/app', number: 20, user: 'bob', state: 'CHANGES_REQUESTED', submittedAt: '2026-11-02T09:00:00Z' },
    { repo: 'octo/app', number: 20, user: 'bob', state: 'APPROVED', submittedAt: '2026-11-05T09:00:00Z' },
    // A reply on my own PR is not a review given.
    { repo: 'octo/app', number: 20, user: 'mona', state: 'COMMENTED', submittedAt: '2026-11-04T10:00:00Z' },
  );
  world.checkRuns['d'.repeat(40)] = [
    { name: 'build', status: 'completed', conclusion: 'failure' },
    { name: 'lint', status: 'completed', conclusion: 'skipped' },
    { name: 'e2e', status: 'in_progress', conclusion: null },
  ];
  world.statuses['d'.repeat(40)] = [{ context: 'ci/deploy-preview', state: 'pending' }];
  pr(21, 'mona', 'Stacked on the dashboard', {
    draft: true,
    headRef: 'feat/dash-2',
    baseRef: 'feat/dash',
    createdAt: '2026-11-02T08:00:00Z',
  });
  pr(22, 'mona', 'chore: bump the parser', {
    createdAt: '2026-11-05T08:00:00Z',
    labels: ['Blocked'],
    headSha: 'e'.repeat(40),
  });
  world.checkRuns['e'.repeat(40)] = [
    { name: 'build', status: 'completed', conclusion: 'neutral' },
    { name: 'docs', status: 'completed', conclusion: 'skipped' },
  ];

  // Waiting on me.
  pr(60, 'dave', 'Rework the cache', { requestedReviewers: ['mona'] });
  // Assigned issues.
  world.issues.push(
    {
      repo: 'octo/app',
      number: 90,
      title: 'Later milestone',
      state: 'open',
      createdAt: '2026-10-01T08:00:00Z',
      assignees: ['mona'],
      milestone: { title: 'v2', dueOn: '2026-12-01T08:00:00Z' },
    },
    {
      repo: 'octo/app',
      number: 91,
      title: 'No milestone',
      state: 'open',
      createdAt: '2026-10-01T08:00:00Z',
      assignees: ['mona'],
    },
    {
      repo: 'octo/lib',
      number: 92,
      title: 'Sooner milestone',
      state: 'open',
      createdAt: '2026-10-01T08:00:00Z',
      assignees: ['mona'],
      milestone: { title: 'v1.1', dueOn: '2026-11-20T08:00:00Z' },
    },
  );
  return world;
}
