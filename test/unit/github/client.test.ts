// The GitHub client: real Octokit (throttling + retry plugins) against the loopback test server that
// answers with GitHub's documented shapes. Paging, search edges, failures, Enterprise paths.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { fetchGithubEvidence, GithubUnavailable, type GithubRequest } from '../../../src/node/github/client';
import { emptyWorld, type GithubTestServer, startGithubServer } from '../../fixtures/github/server';

const window = isoWeekWindow('2026-W45', { timeZone: 'Europe/Berlin', weekStartsOn: 1 });

function request(server: GithubTestServer, extra: Partial<GithubRequest> = {}): GithubRequest {
  return {
    token: 'test-token',
    apiUrl: server.url,
    host: 'github.com',
    window,
    retryUnitMs: 5,
    mergeableDelayMs: 5,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<GithubUnavailable> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GithubUnavailable, `not a GithubUnavailable: ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('GitHub client (Octokit against the test server)', () => {
  let server: GithubTestServer;
  beforeEach(async () => {
    server = await startGithubServer(emptyWorld('mona'));
    server.token = 'test-token';
  });
  afterEach(() => server.close());

  it('pages through 3 pages of merged PRs and sends the window edges as UTC instants', async () => {
    for (let n = 1; n <= 250; n++) {
      server.world.pulls.push({
        repo: 'octo/app',
        number: n,
        title: `Change ${n}`,
        author: 'mona',
        state: 'closed',
        createdAt: '2026-10-01T10:00:00Z',
        mergedAt: '2026-11-04T10:00:00Z',
      });
    }
    const evidence = await fetchGithubEvidence(request(server));
    assert.equal(evidence.login, 'mona');
    assert.equal(evidence.merged.length, 250);
    assert.equal(new Set(evidence.merged.map((p) => p.number)).size, 250);
    const searches = server.requests.filter(
      (r) => r.path === '/search/issues' && /merged:/.test(r.query.get('q') ?? ''),
    );
    assert.deepEqual(
      searches.map((r) => r.query.get('page') ?? '1'),
      ['1', '2', '3'],
    );
    // Monday 00:00 in Berlin is Sunday 23:00 UTC; the end is the last second of Sunday.
    assert.equal(searches[0].query.get('q'), 'is:pr author:mona merged:2026-11-01T23:00:00Z..2026-11-08T22:59:59Z');
    assert.ok(server.requests.every((r) => r.authorization === 'token test-token'));
  });

  it('a "+01:00" offset would match nothing: the server reads "+" as GitHub does', async () => {
    server.world.pulls.push({
      repo: 'octo/app',
      number: 1,
      title: 'x',
      author: 'mona',
      state: 'closed',
      createdAt: '2026-11-02T10:00:00Z',
      mergedAt: '2026-11-02T10:00:00Z',
    });
    const get = (q: string) =>
      fetch(`${server.url}/search/issues?q=${q}`, { headers: { authorization: 'token test-token' } }).then(
        (r) => r.json() as Promise<{ total_count: number }>,
      );
    assert.equal((await get('is:pr+merged:2026-11-02T00:00:00Z..2026-11-08T00:00:00Z')).total_count, 1);
    assert.equal((await get('is:pr+merged:2026-11-02T00:00:00+01:00..2026-11-08T00:00:00+01:00')).total_count, 0);
  });

  it('401: unauthorized, without the token in the message', async () => {
    server.token = 'another-token';
    const error = await failure(fetchGithubEvidence(request(server)));
    assert.equal(error.status, 'unauthorized');
    assert.match(error.message, /401 Bad credentials/);
    assert.doesNotMatch(error.message, /test-token/);
  });

  it('403 rate limit: says until when, and does not wait for it', async () => {
    server.failures.push({ match: /^GET \/search/, status: 403, kind: 'rate-limit' });
    const error = await failure(fetchGithubEvidence(request(server)));
    assert.equal(error.status, 'rate-limited');
    assert.match(error.message, /rate limit is used up until \d\d:\d\d/);
  });

  it('403 and 429 secondary limits are retried a bounded number of times', async () => {
    server.failures.push({ match: /^GET \/user$/, status: 403, kind: 'secondary', times: 1 });
    server.failures.push({ match: /^GET \/search/, status: 429, kind: 'secondary', times: 1 });
    const evidence = await fetchGithubEvidence(request(server));
    assert.equal(evidence.login, 'mona');
    server.failures.push({ match: /^GET \/user$/, status: 403, kind: 'secondary' });
    const before = server.requests.length;
    const error = await failure(fetchGithubEvidence(request(server)));
    assert.equal(error.status, 'rate-limited');
    assert.match(error.message, /secondary rate limit/);
    assert.equal(server.requests.length - before, 3, 'one request and two retries');
  });

  it('a 5xx is retried, then reported', async () => {
    server.failures.push({ match: /^GET \/user$/, status: 502, times: 1 });
    assert.equal((await fetchGithubEvidence(request(server))).login, 'mona');
    server.failures.push({ match: /^GET \/user$/, status: 503 });
    const error = await failure(fetchGithubEvidence(request(server)));
    assert.equal(error.status, 'error');
    assert.match(error.message, /GitHub answered 503/);
  });

  it('connection refused: offline', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await failure(fetchGithubEvidence(request(server, { apiUrl: `http://127.0.0.1:${port}` })));
    assert.equal(error.status, 'offline');
    assert.match(error.message, /could not be reached/);
  });

  it('asks again while mergeable is null, then reads false', async () => {
    server.world.pulls.push({
      repo: 'octo/app',
      number: 7,
      title: 'Open one',
      author: 'mona',
      state: 'open',
      createdAt: '2026-11-03T10:00:00Z',
      mergeable: [null, null, false],
      headSha: 'c'.repeat(40),
    });
    server.world.checkRuns['c'.repeat(40)] = [{ name: 'build', status: 'completed', conclusion: 'failure' }];
    server.world.statuses['c'.repeat(40)] = [{ context: 'ci/lint', state: 'pending' }];
    const evidence = await fetchGithubEvidence(request(server));
    assert.equal(evidence.open.length, 1);
    assert.equal(evidence.open[0].mergeable, false);
    assert.deepEqual(evidence.open[0].checks, [{ name: 'build', status: 'completed', conclusion: 'failure' }]);
    assert.deepEqual(evidence.open[0].statuses, [{ context: 'ci/lint', state: 'pending' }]);
    assert.equal(server.requests.filter((r) => r.path === '/repos/octo/app/pulls/7').length, 3);
  });

  it('a 404 on one repository names it and keeps the rest', async () => {
    server.world.repos.push('octo/app');
    const evidence = await fetchGithubEvidence(request(server, { repos: ['octo/app', 'octo/gone'] }));
    assert.deepEqual(evidence.missingRepos, ['octo/gone']);
  });

  it('Enterprise: the same calls under /api/v3; --github-user for a token that cannot read /user', async () => {
    server.integrationToken = true;
    const error = await failure(fetchGithubEvidence(request(server, { apiUrl: server.enterpriseUrl })));
    assert.match(error.message, /--github-user/);
    const evidence = await fetchGithubEvidence(request(server, { apiUrl: server.enterpriseUrl, login: 'mona' }));
    assert.equal(evidence.login, 'mona');
    assert.ok(server.requests.some((r) => r.path === '/search/issues'));
  });
});
