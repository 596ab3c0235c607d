// The real @slack/web-api client against the Slack-compatible test server on 127.0.0.1.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApi, postToWebhook, SlackCallError } from '../../../src/node/slack/client';
import { SlackTestServer } from '../../servers/slack';

const TOKEN = 'xoxp-test-token';

async function rejects(promise: Promise<unknown>, problem: string, code?: string): Promise<SlackCallError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SlackCallError, String(error));
    assert.equal(error.problem, problem, error.message);
    if (code) assert.equal(error.code, code);
    return error;
  }
  assert.fail('expected a failure');
}

describe('Slack client against the test server', () => {
  let server: SlackTestServer;
  const api = (token = TOKEN) => createSlackApi({ token, apiUrl: server.url, maxRetryAfterS: 2 });

  beforeEach(async () => {
    server = await new SlackTestServer(TOKEN).start();
    server.channels = [
      { id: 'C01GENERAL', name: 'general' },
      { id: 'C02RANDOM', name: 'random' },
      { id: 'C03UPDATES', name: 'team-updates' },
      { id: 'G04SECRET', name: 'secret', is_private: true, is_member: false },
    ];
  });
  afterEach(() => server.stop());

  it('checks the token, snoozes and sets the status', async () => {
    assert.deepEqual(await api().authTest(), {
      user: 'ada',
      userId: 'U0ADA',
      team: 'Cadence Test',
      teamId: 'T0CADENCE',
    });
    assert.deepEqual(await api().dndInfo(), { snoozeEnabled: false });
    const endtime = await api().setSnooze(25);
    assert.ok(endtime && Math.abs(endtime - (Date.now() / 1000 + 25 * 60)) < 5);
    assert.equal((await api().dndInfo()).snoozeEnabled, true);
    await api().endSnooze();
    await api().endSnooze(); // no snooze any more: not an error
    await api().setStatus({ text: 'Focusing', emoji: ':headphones:', expiration: 0 });
    assert.deepEqual(await api().getStatus(), { text: 'Focusing', emoji: ':headphones:', expiration: 0 });
    assert.equal(server.callsTo('dnd.setSnooze')[0]?.params.num_minutes, '25');
    assert.ok(
      server.calls.every((c) => !JSON.stringify(c.params).includes(TOKEN)),
      'the token goes in the header',
    );
  });

  it('says what is wrong: invalid, revoked, missing scope', async () => {
    await rejects(api('xoxp-wrong').authTest(), 'invalidAuth', 'invalid_auth');
    server.tokens.set(TOKEN, 'revoked');
    await rejects(api().dndInfo(), 'revoked', 'token_revoked');
    server.tokens.set(TOKEN, 'ok');
    server.scopes = server.scopes.filter((s) => s !== 'dnd:write');
    const error = await rejects(api().setSnooze(5), 'missingScope', 'missing_scope');
    assert.match(error.message, /dnd:write/);
  });

  it('waits out a short Retry-After, gives up on a long one, never retries forever', async () => {
    server.fail('dnd.info', { status: 429, retryAfter: 1, times: 1 });
    const started = Date.now();
    assert.deepEqual(await api().dndInfo(), { snoozeEnabled: false });
    assert.ok(Date.now() - started >= 950, 'honoured Retry-After');
    assert.equal(server.callsTo('dnd.info').length, 2);

    server.fail('dnd.info', { status: 429, retryAfter: 120 });
    const long = await rejects(api().dndInfo(), 'rateLimited');
    assert.match(long.message, /120/);
    assert.equal(server.callsTo('dnd.info').length, 3, 'a long Retry-After is not waited for');

    server.fail('dnd.info', { status: 429, retryAfter: 1 });
    await rejects(api().dndInfo(), 'rateLimited');
    assert.equal(server.callsTo('dnd.info').length, 6, 'three tries in all');
  });

  it('reports a server that cannot be reached, after a bounded number of tries', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = Date.now();
    await rejects(createSlackApi({ token: TOKEN, apiUrl: `http://127.0.0.1:${port}/api/` }).authTest(), 'offline');
    assert.ok(Date.now() - started < 5_000);
  });

  it('lists channels across cursor pages', async () => {
    const names = (await api().listChannels()).map((c) => c.name);
    assert.deepEqual(names, ['general', 'random', 'team-updates', 'secret']);
    assert.equal(server.callsTo('conversations.list').length, 2);
    assert.ok(server.callsTo('conversations.list')[1]?.params.cursor);
  });

  it('posts by name or id, split at sections, and links the first message', async () => {
    const text = ['*Shipped*', '', '• one', '', '*Next*', '', '• two'].join('\n');
    const posted = await api().post('#team-updates', text);
    assert.equal(posted.channel, 'C03UPDATES');
    assert.equal(posted.parts, 1);
    assert.match(posted.permalink, /^https:\/\/cadence-test\.slack\.com\/archives\/C03UPDATES\/p\d+$/);
    assert.equal(server.messages[0]?.text, text);

    const long = Array.from({ length: 3 }, (_, i) => `*Part ${i}*\n\n${'• item\n'.repeat(400)}`).join('\n');
    const split = await api().post('C01GENERAL', long);
    assert.equal(split.parts, 3);
    assert.ok(server.messages.slice(1).every((m) => m.channel === 'C01GENERAL' && m.text.length <= 4_000));
    assert.ok(split.permalink.endsWith(server.messages[1]!.ts.replace('.', '')), 'the first message’s link');

    await rejects(api().post('#nowhere', text), 'channelNotFound');
    await rejects(api().post('#secret', text), 'notInChannel', 'not_in_channel');
  });

  it('posts to an incoming webhook and reports its errors', async () => {
    assert.equal(await postToWebhook(server.webhookUrl, '*Shipped*\n• one'), 1);
    assert.deepEqual(server.webhookPosts, ['*Shipped*\n• one']);
    server.fail('webhook', { error: 'no_service', status: 404 });
    await rejects(postToWebhook(server.webhookUrl, 'x'), 'other', 'no_service');
    await rejects(postToWebhook('http://example.com/hook', 'x'), 'other', 'bad_url');
  });
});
