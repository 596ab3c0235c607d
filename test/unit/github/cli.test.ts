// `cadence draft` with GitHub: the flags, the token variables, the JSON contract and every failure
// mode (one line at the top, exit 0), against a scripted clone and the loopback test server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DraftDeps, runDraft } from '../../../src/cli/draft';
import { buildGithubClone } from '../../fixtures/github/clone.mjs';
import { type GithubTestServer, startGithubServer } from '../../fixtures/github/server';
import { capture } from '../cliIo';
import { NOW, scenarioWorld } from './scenario';

describe('cadence draft --github', function () {
  this.timeout(30_000);
  let root: string;
  let clone: ReturnType<typeof buildGithubClone>;
  let server: GithubTestServer;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-gh-cli-'));
    clone = buildGithubClone(path.join(root, 'app'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  beforeEach(async () => {
    const world = scenarioWorld();
    world.pulls.find((p) => p.number === 13)!.commits = [clone.rebase13a, clone.rebase13b];
    server = await startGithubServer(world);
    server.token = 'secret-token-1234';
  });
  afterEach(() => server.close());

  function deps(env: Record<string, string> = { GH_TOKEN: 'secret-token-1234' }): DraftDeps {
    return {
      now: () => NOW,
      gitPath: 'git',
      systemTimeZone: () => 'Europe/Berlin',
      focusHistoryFile: () => path.join(root, 'no-focus-history.jsonl'),
      env,
      githubRetryUnitMs: 5,
    };
  }

  async function run(args: string[], d = deps()) {
    const { out, io } = capture(clone.dir);
    let code: number;
    try {
      code = await runDraft(['--week', '2026-W45', ...args], io, d);
    } catch (error) {
      io.stderr.write(`cadence draft: ${(error as Error).message}\n`);
      code = 2;
    }
    return { code, ...out };
  }

  it('JSON: the github status, PR fields on shipped, reviews, issuesClosed, new kinds, blocker reasons', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json', '--github-url', server.url]);
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.deepEqual(json.github, { status: 'ok', user: 'mona', message: null });
    const pr12 = json.shipped.find((item: { ref?: string }) => item.ref === 'octo/app#12');
    assert.deepEqual(Object.keys(pr12), [
      'title',
      'type',
      'scope',
      'breaking',
      'repo',
      'commits',
      'pr',
      'ref',
      'url',
      'mergedAt',
      'closes',
    ]);
    assert.equal(pr12.pr, 12);
    assert.deepEqual(pr12.commits, [clone.squash12]);
    assert.equal(pr12.mergedAt, '2026-11-03T10:05:00.000Z');
    assert.deepEqual(pr12.closes, ['octo/app#88']);
    const pr13 = json.shipped.find((item: { ref?: string }) => item.ref === 'octo/app#13');
    assert.deepEqual([...pr13.commits].sort(), [clone.rebase13a, clone.rebase13b].sort());
    const local = json.shipped.filter((item: { ref?: string }) => item.ref === undefined);
    assert.deepEqual(
      local.map((item: { commits: string[] }) => item.commits),
      [[clone.docs]],
    );
    assert.deepEqual(Object.keys(local[0]), ['title', 'type', 'scope', 'breaking', 'repo', 'commits', 'pr']);
    assert.deepEqual(Object.keys(json.reviews[0]), ['ref', 'title', 'author', 'url', 'states', 'submittedAt']);
    assert.deepEqual(Object.keys(json.issuesClosed[0]), ['ref', 'title', 'url', 'closedAt', 'by']);
    const kinds = json.inProgress.map((item: { kind: string }) => item.kind);
    for (const kind of ['pr', 'draft-pr', 'review-request', 'issue']) assert.ok(kinds.includes(kind), kind);
    const issue = json.inProgress.find((item: { kind: string }) => item.kind === 'issue');
    assert.deepEqual(Object.keys(issue), ['kind', 'title', 'repo', 'branch', 'commits', 'ref', 'url', 'milestone']);
    const dash = json.inProgress.find((item: { ref?: string }) => item.ref === 'octo/app#20');
    assert.equal(dash.repo, 'app');
    assert.deepEqual(dash.commits, [clone.dash]);
    const reasons = json.blockers.filter((b: { reason?: string }) => b.reason).map((b: { reason: string }) => b.reason);
    assert.deepEqual(reasons, [
      'changes-requested',
      'failing-check',
      'merge-conflict',
      'waiting-on-pr',
      'no-reviewer',
      'blocked-label',
    ]);
    assert.deepEqual(Object.keys(json.blockers[0]), ['title', 'repo', 'evidence', 'ref', 'url', 'reason']);
    assert.doesNotMatch(stdout, /secret-token/);
  });

  it('Markdown shows the evidence: PR links, closed issues under their PR, reviews, next week, blockers', async () => {
    const { code, stdout } = await run(['--github-url', server.url]);
    assert.equal(code, 0);
    assert.match(stdout, new RegExp(`- Add CSV export · \\[#12\\]\\(${server.url}/octo/app/pull/12\\)`));
    assert.match(stdout, /\n {2}- Closes \[#88\]\([^)]+\/issues\/88\): Export to CSV\n/);
    assert.match(stdout, /- Reviewed 1 PR: \[octo\/app#50\]\([^)]+\) Faster builds _\(@bob, approved\)_/);
    assert.match(stdout, /- PR \[#21\]\([^)]+\): Stacked on the dashboard _\(draft\)_/);
    assert.match(stdout, /- Issue \[octo\/lib#92\]\([^)]+\): Sooner milestone _\(v1\.1, due 2026-11-20\)_/);
    assert.match(stdout, /#20 “feat: new dashboard” waits on changes requested · \[#20\]/);
    const slack = (await run(['--github-url', server.url, '--format', 'slack'])).stdout;
    assert.match(slack, new RegExp(`• Add CSV export · <${server.url}/octo/app/pull/12\\|#12>`));
    const text = (await run(['--github-url', server.url, '--format', 'text'])).stdout;
    assert.match(text, /Reviewed 1 PR: octo\/app#50 \(http[^)]+\) Faster builds \(@bob, approved\)/);
  });

  it('tokens: GH_TOKEN, else GITHUB_TOKEN; none means off; --no-github; --github without a token is a usage error', async () => {
    const viaGithubToken = JSON.parse(
      (await run(['--format', 'json', '--github-url', server.url], deps({ GITHUB_TOKEN: 'secret-token-1234' }))).stdout,
    );
    assert.equal(viaGithubToken.github.status, 'ok');
    const first = JSON.parse(
      (
        await run(
          ['--format', 'json', '--github-url', server.url],
          deps({ GH_TOKEN: 'secret-token-1234', GITHUB_TOKEN: 'wrong' }),
        )
      ).stdout,
    );
    assert.equal(first.github.status, 'ok');
    const none = JSON.parse((await run(['--format', 'json', '--github-url', server.url], deps({}))).stdout);
    assert.deepEqual(none.github, { status: 'off', user: null, message: null });
    assert.deepEqual(none.reviews, []);
    const before = server.requests.length;
    const off = JSON.parse((await run(['--format', 'json', '--no-github', '--github-url', server.url])).stdout);
    assert.equal(off.github.status, 'off');
    assert.equal(server.requests.length, before, 'no request with --no-github');
    const usage = await run(['--github'], deps({}));
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--github needs a token in GH_TOKEN or GITHUB_TOKEN/);
    for (const bad of [
      ['--github-url', 'http://example.com'],
      ['--github-repo', 'nope'],
      ['--github-user', 'a b'],
    ]) {
      assert.equal((await run(bad)).code, 2, bad.join(' '));
    }
  });

  it('--github-user and --github-repo: an Actions token, a repository GitHub does not know', async () => {
    server.integrationToken = true;
    const { stdout, code } = await run([
      '--format',
      'json',
      '--github-url',
      server.url,
      '--github-user',
      'mona',
      '--github-repo',
      'octo/gone',
    ]);
    assert.equal(code, 0);
    const json = JSON.parse(stdout);
    assert.equal(json.github.status, 'ok');
    assert.equal(json.github.user, 'mona');
    assert.match(json.github.message, /octo\/gone/);
    const markdown = (await run(['--github-url', server.url, '--github-user', 'mona', '--github-repo', 'octo/gone']))
      .stdout;
    assert.match(markdown.split('\n')[2], /GitHub: GitHub has no repository octo\/gone/);
  });

  const failures: [string, (s: GithubTestServer) => void, string, RegExp][] = [
    ['401', (s) => (s.token = 'other'), 'unauthorized', /401 Bad credentials/],
    [
      '403 rate limit',
      (s) => s.failures.push({ match: /search/, status: 403, kind: 'rate-limit' }),
      'rate-limited',
      /rate limit is used up until/,
    ],
    [
      '429 secondary limit',
      (s) => s.failures.push({ match: /search/, status: 429, kind: 'secondary' }),
      'rate-limited',
      /secondary rate limit/,
    ],
    ['5xx', (s) => s.failures.push({ match: /./, status: 502 }), 'error', /GitHub answered 502/],
  ];
  for (const [name, arrange, status, message] of failures) {
    it(`${name}: the local draft, one line at its top, exit 0`, async () => {
      arrange(server);
      const json = await run(['--format', 'json', '--github-url', server.url]);
      assert.equal(json.code, 0);
      const parsed = JSON.parse(json.stdout);
      assert.equal(parsed.github.status, status);
      assert.match(parsed.github.message, message);
      assert.ok(parsed.shipped.length > 0, 'the local draft is whole');
      assert.ok(parsed.shipped.every((item: { ref?: string }) => item.ref === undefined));
      const markdown = await run(['--github-url', server.url]);
      assert.equal(markdown.code, 0);
      assert.equal(markdown.stderr, '');
      const lines = markdown.stdout.split('\n');
      assert.match(lines[2], /^_GitHub left out: .* — this draft is from local git only\._$/);
      assert.equal(lines.filter((line) => line.includes('GitHub left out')).length, 1);
      assert.doesNotMatch(markdown.stdout, /secret-token|\n\s+at /);
    });
  }

  it('offline: connection refused gives the local draft and one line', async () => {
    const url = server.url;
    await server.close();
    server = await startGithubServer(scenarioWorld());
    const { code, stdout } = await run(['--format', 'json', '--github-url', url]);
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).github.status, 'offline');
  });
});
