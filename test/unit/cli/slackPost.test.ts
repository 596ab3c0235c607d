// `cadence draft --format slack --post CHANNEL`: the real Slack client against the test server.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runDraft, type DraftDeps } from '../../../src/cli/draft';
import { UsageError } from '../../../src/cli/io';
import { buildAll } from '../../fixtures/weekly/histories.mjs';
import { SlackTestServer } from '../../servers/slack';
import { capture, draftDeps } from '../cliIo';

const TOKEN = 'xoxp-cli-token';

describe('cadence draft --post', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof buildAll>;
  let server: SlackTestServer;
  before(() => {
    fx = buildAll();
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));
  beforeEach(async () => {
    server = await new SlackTestServer(TOKEN).start();
    server.channels = [
      { id: 'C01GENERAL', name: 'general' },
      { id: 'C02UPDATES', name: 'team-updates' },
    ];
  });
  afterEach(() => server.stop());

  /** runDraft with runCli's handling of usage errors (exit 2). */
  async function runWith(args: string[], deps: DraftDeps, io: ReturnType<typeof capture>['io']): Promise<number> {
    try {
      return await runDraft(args, io, deps);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`cadence draft: ${error.message}\n`);
      return 2;
    }
  }
  async function draft(args: string[], token: string | undefined = TOKEN) {
    const { out, io } = capture(fx.main);
    const code = await runWith(args, draftDeps({ SLACK_TOKEN: token }), io);
    return { code, ...out };
  }

  it('posts the Slack draft to a channel by name and prints the permalink', async () => {
    const result = await draft(['--format', 'slack', '--post', '#team-updates', '--slack-api-url', server.url]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^https:\/\/cadence-test\.slack\.com\/archives\/C02UPDATES\/p\d+\n$/);
    assert.equal(result.stderr, '');
    const local = await draft(['--format', 'slack']);
    assert.equal(server.messages[0]?.text.trim(), local.stdout.trim(), 'the same text as --format slack prints');
    assert.doesNotMatch(server.messages[0]!.text, /Counting you as/);
  });

  it('a Slack failure is one line on stderr and exit 1', async () => {
    server.tokens.set(TOKEN, 'revoked');
    const revoked = await draft(['--format', 'slack', '--post', 'C01GENERAL', '--slack-api-url', server.url]);
    assert.equal(revoked.code, 1);
    assert.equal(revoked.stdout, '');
    assert.match(revoked.stderr, /^cadence draft: could not post to Slack: .*revoked.*\n$/);
    server.tokens.set(TOKEN, 'ok');
    const missing = await draft(['--format', 'slack', '--post', '#nowhere', '--slack-api-url', server.url]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr.split('\n').length, 2, 'one line');
  });

  it('usage errors (exit 2): no token, another format, an API URL without --post or not https', async () => {
    for (const [args, token, message] of [
      [['--format', 'slack', '--post', '#team-updates', '--slack-api-url', server.url], '', /SLACK_TOKEN/],
      [['--post', '#team-updates'], TOKEN, /--format slack/],
      [['--format', 'markdown', '--post', '#team-updates'], TOKEN, /--format slack/],
      [['--format', 'slack', '--slack-api-url', server.url], TOKEN, /goes with --post/],
      [['--format', 'slack', '--post', 'x', '--slack-api-url', 'http://example.com/api/'], TOKEN, /https/],
    ] as const) {
      const result = await draft([...args], token);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
    }
    assert.equal(server.calls.length, 0);
  });
});
