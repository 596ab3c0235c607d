// Publish to GitHub: the pure parts (repositories offered, discussion title and body, the picker's
// places) and the real Octokit calls against the loopback test server — a comment (REST), a
// discussion (GraphQL createDiscussion, also at Enterprise's /api/graphql) and each failure mode as
// one line without the token.
import * as assert from 'node:assert/strict';
import type { WeeklyDraft } from '../../../src/core/weekly/model';
import {
  describeTarget,
  discussionParts,
  parseIssueNumber,
  placeItems,
  publishRepos,
} from '../../../src/core/weekly/publish';
import { PLACEHOLDERS } from '../../../src/core/weekly/render';
import { shareable } from '../../../src/core/weekly/share';
import { listPlaces, PublishFailed, publishUpdate } from '../../../src/node/github/client';
import { emptyWorld, type GithubTestServer, startGithubServer } from '../../fixtures/github/server';

const TOKEN = 'gho_publish-secret-token';

function draftWith(parts: Partial<WeeklyDraft>): WeeklyDraft {
  return { repos: [], shipped: [], inProgress: [], blockers: [], ...parts } as unknown as WeeklyDraft;
}

describe('Publish to GitHub: pure parts', () => {
  it('offers the clones’ repositories, then those the evidence names (a fork’s upstream), then settings, once each', () => {
    const draft = draftWith({
      repos: [
        { name: 'app', path: '/w/app', webUrl: 'https://github.com/mona/app', branch: 'main', shallow: false },
        { name: 'gl', path: '/w/gl', webUrl: 'https://gitlab.com/mona/gl', branch: 'main', shallow: false },
        { name: 'ent', path: '/w/ent', webUrl: 'https://ghe.example.com/team/ent', branch: 'main', shallow: false },
      ],
      shipped: [{ ref: 'octo/app#12' }, { ref: 'Mona/App#3' }, {}] as WeeklyDraft['shipped'],
      inProgress: [{ ref: 'octo/docs#4' }] as WeeklyDraft['inProgress'],
    });
    assert.deepEqual(publishRepos(draft, ['team/updates', 'not a repo', 'octo/APP'], 'github.com'), [
      'mona/app',
      'octo/app',
      'octo/docs',
      'team/updates',
    ]);
    // The evidence's refs come from the API the session is for, so they count on its host.
    assert.deepEqual(publishRepos(draft, [], 'ghe.example.com'), ['team/ent', 'octo/app', 'Mona/App', 'octo/docs']);
    assert.deepEqual(publishRepos(null, ['team/updates'], 'github.com'), ['team/updates']);
  });

  it('a discussion takes the update’s heading as its title and the rest as its body', () => {
    const markdown = '# Weekly update · 2026-W45 · `Mon 2` – [Sun 8 Nov](https://x)\n\n## Shipped\n\n- CSV export\n';
    assert.deepEqual(discussionParts(markdown), {
      title: 'Weekly update · 2026-W45 · Mon 2 – Sun 8 Nov',
      body: '## Shipped\n\n- CSV export\n',
    });
    assert.deepEqual(discussionParts('Just a line\n'), { title: 'Weekly update', body: 'Just a line\n' });
  });

  it('what is published is the shared text: unedited prompts and the footer are left out', () => {
    const edited = [
      '# Weekly update · 2026-W45',
      '',
      '## Shipped',
      '',
      '- CSV export',
      '',
      '## Blockers',
      '',
      `- ${PLACEHOLDERS.blockers}`,
      '',
      '---',
      '',
      '_Counting you as: mona@example.com_',
      '',
    ].join('\n');
    const { title, body } = discussionParts(shareable(edited, 'markdown'));
    assert.equal(title, 'Weekly update · 2026-W45');
    assert.doesNotMatch(body, /Counting you as|Anything blocking|Blockers/);
    assert.match(body, /CSV export/);
  });

  it('lists discussion categories first, then open issues newest first; no categories says discussions are off', () => {
    const items = placeItems('octo/app', {
      categories: [{ id: 'C1', name: 'General' }],
      issues: [
        { number: 3, title: 'Old thread' },
        { number: 40, title: 'Weekly updates' },
      ],
      repositoryId: 'R1',
    });
    assert.deepEqual(
      items.map((i) => [i.label, i.target ? describeTarget(i.target) : null]),
      [
        ['New discussion', null],
        ['$(comment-discussion) General', 'a new discussion in octo/app (General)'],
        ['Comment on an open issue', null],
        ['$(issues) #40 Weekly updates', 'a comment on octo/app#40'],
        ['$(issues) #3 Old thread', 'a comment on octo/app#3'],
      ],
    );
    const off = placeItems('octo/app', { categories: [], issues: [], repositoryId: 'R1' });
    assert.deepEqual(
      off.map((i) => i.label),
      ['Discussions are off in this repository', 'No open issues'],
    );
  });

  it('reads an issue number typed as 12, #12 or owner/name#12 (of this repository only)', () => {
    assert.equal(parseIssueNumber('12', 'octo/app'), 12);
    assert.equal(parseIssueNumber(' #7 ', 'octo/app'), 7);
    assert.equal(parseIssueNumber('Octo/App#9', 'octo/app'), 9);
    assert.equal(parseIssueNumber('other/repo#9', 'octo/app'), null);
    assert.equal(parseIssueNumber('0', 'octo/app'), null);
    assert.equal(parseIssueNumber('twelve', 'octo/app'), null);
  });
});

describe('Publish to GitHub: real Octokit against the test server', () => {
  let server: GithubTestServer;
  const options = () => ({ token: TOKEN, apiUrl: server.url, retryUnitMs: 5, timeZone: 'UTC' });

  beforeEach(async () => {
    server = await startGithubServer(emptyWorld('mona'));
    server.token = TOKEN;
    server.world.repos.push('octo/app');
    server.world.issues.push(
      { repo: 'octo/app', number: 5, title: 'Weekly updates', state: 'open', createdAt: '2026-10-01T10:00:00Z' },
      { repo: 'octo/app', number: 2, title: 'Closed thread', state: 'closed', createdAt: '2026-09-01T10:00:00Z' },
    );
    server.world.pulls.push({
      repo: 'octo/app',
      number: 9,
      title: 'An open PR',
      author: 'mona',
      state: 'open',
      createdAt: '2026-11-01T10:00:00Z',
    });
  });
  afterEach(() => server.close());

  async function failure(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof PublishFailed, `not a PublishFailed: ${String(error)}`);
      assert.doesNotMatch(error.message, new RegExp(TOKEN));
      assert.doesNotMatch(error.message, /\n|\bat .*\.js/);
      return error.message;
    }
    assert.fail('expected a failure');
  }

  it('lists the open issues (not PRs, not closed ones) and the discussion categories with the repository id', async () => {
    const places = await listPlaces(options(), 'octo/app');
    assert.deepEqual(places.issues, [{ number: 5, title: 'Weekly updates' }]);
    assert.deepEqual(
      places.categories.map((c) => c.name),
      ['Announcements', 'General'],
    );
    assert.ok(places.repositoryId);
    assert.ok(server.requests.some((r) => r.method === 'POST' && r.path === '/graphql'));
  });

  it('posts a comment on an issue and returns its link', async () => {
    const { url } = await publishUpdate(
      options(),
      { kind: 'comment', repo: 'octo/app', issue: 5 },
      '## Shipped\n\n- A\n',
    );
    assert.equal(server.created.length, 1);
    assert.deepEqual(
      { ...server.created[0], url: undefined },
      { kind: 'comment', repo: 'octo/app', number: 5, body: '## Shipped\n\n- A\n', url: undefined },
    );
    assert.equal(url, server.created[0].url);
    assert.match(url, /\/octo\/app\/issues\/5#issuecomment-1$/);
  });

  it('creates a discussion in the chosen category through GraphQL, titled by the update’s heading', async () => {
    const places = await listPlaces(options(), 'octo/app');
    const general = places.categories.find((c) => c.name === 'General')!;
    const target = {
      kind: 'discussion' as const,
      repo: 'octo/app',
      repositoryId: places.repositoryId!,
      categoryId: general.id,
      category: general.name,
    };
    const { url } = await publishUpdate(options(), target, '# Weekly update · 2026-W45\n\n## Shipped\n\n- A\n');
    assert.deepEqual(
      server.created.map((c) => [c.kind, c.repo, c.title, c.body]),
      [['discussion', 'octo/app', 'Weekly update · 2026-W45', '## Shipped\n\n- A\n']],
    );
    assert.match(url, /\/octo\/app\/discussions\/1$/);
  });

  it('an Enterprise base (https://HOST/api/v3) sends GraphQL to HOST/api/graphql', async () => {
    const places = await listPlaces({ ...options(), apiUrl: server.enterpriseUrl }, 'octo/app');
    assert.equal(places.categories.length, 2);
    const paths = server.requests.map((r) => `${r.method} ${r.path}`);
    assert.ok(paths.includes('POST /graphql'), paths.join(', '));
    assert.ok(paths.includes('GET /repos/octo/app/issues'), paths.join(', '));
  });

  it('names each failure in one line: 401, rate limit with its reset time, 404, forbidden, offline', async () => {
    const bad = await failure(listPlaces({ ...options(), token: 'gho_wrong' }, 'octo/app'));
    assert.match(bad, /401 Bad credentials.*sign in again/);

    server.failures.push({ match: /POST \/repos\/.*\/comments/, status: 403, kind: 'rate-limit' });
    const limited = await failure(publishUpdate(options(), { kind: 'comment', repo: 'octo/app', issue: 5 }, 'x'));
    assert.match(limited, /rate limit is used up until \d{2}:\d{2} UTC/);
    server.failures.length = 0;

    const missing = await failure(listPlaces(options(), 'octo/nowhere'));
    assert.equal(missing, 'octo/nowhere was not found on GitHub, or this GitHub account cannot see it');
    const missingIssue = await failure(
      publishUpdate(options(), { kind: 'comment', repo: 'octo/nowhere', issue: 5 }, 'x'),
    );
    assert.match(missingIssue, /^octo\/nowhere#5 was not found/);
    const noRepo = await failure(
      publishUpdate(
        options(),
        { kind: 'discussion', repo: 'octo/gone', repositoryId: 'R_bad', categoryId: 'C', category: 'General' },
        'x',
      ),
    );
    assert.match(noRepo, /^octo\/gone was not found/);

    server.failures.push({ match: /POST \/repos\/.*\/comments/, status: 403, kind: 'secondary', times: 0 });
    server.failures.push({ match: /POST \/repos\/.*\/comments/, status: 422, kind: 'server-error' });
    const refused = await failure(publishUpdate(options(), { kind: 'comment', repo: 'octo/app', issue: 5 }, 'x'));
    assert.match(refused, /^GitHub refused \(422: .*\): this account may not post in octo\/app#5$/);
    server.failures.length = 0;

    const port = new URL(server.url).port;
    await server.close();
    const offline = await failure(listPlaces({ ...options(), apiUrl: `http://127.0.0.1:${port}` }, 'octo/app'));
    assert.match(offline, /^GitHub could not be reached/);
    server = await startGithubServer(emptyWorld('mona')); // for afterEach
  });

  it('a failing post is not retried: a second post could publish the update twice', async () => {
    server.failures.push({ match: /POST \/repos\/.*\/comments/, status: 502, times: 1 });
    await failure(publishUpdate(options(), { kind: 'comment', repo: 'octo/app', issue: 5 }, 'x'));
    assert.equal(server.requests.filter((r) => r.method === 'POST').length, 1);
    assert.equal(server.created.length, 0);
  });
});
