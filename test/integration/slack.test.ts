// Slack in a real VS Code extension host, against the Slack-compatible test server on 127.0.0.1:
// the real @slack/web-api client, SecretStorage, the focus journal and the post command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import { SlackTestServer } from '../servers/slack';
import { waitFor } from './waitFor';

const TOKEN = 'xoxp-integration-token';

describe('Slack in a real VS Code', () => {
  let api: CadenceApi;
  let server: SlackTestServer;
  const slack = () => vscode.workspace.getConfiguration('cadence.slack');

  before(async () => {
    server = await new SlackTestServer(TOKEN).start();
    server.channels = [
      { id: 'C01GENERAL', name: 'general' },
      { id: 'C02UPDATES', name: 'team-updates' },
    ];
    api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    await slack().update('apiUrl', server.url, vscode.ConfigurationTarget.Global);
    await slack().update('focus', 'dndAndStatus', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.focusStop);
    await api.focus.settled();
    await vscode.commands.executeCommand(Commands.slackDisconnect);
    for (const key of ['apiUrl', 'focus']) await slack().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server.stop();
  });

  it('connects with a token checked by auth.test; a wrong one is not stored', async () => {
    assert.equal(await api.slack.connect('xoxp-wrong'), undefined);
    assert.equal(await api.slack.connect(TOKEN), 'ada in Cadence Test');
    assert.equal(server.callsTo('auth.test').length, 2);
  });

  it('a focus block snoozes Slack and sets the status; stop restores the user’s own status', async () => {
    server.status = { status_text: 'Reviewing PRs', status_emoji: ':eyes:', status_expiration: 0 };
    await vscode.commands.executeCommand(Commands.focusStart, { minutes: 25, ask: false });
    await waitFor(
      () => server.snooze && /^Focusing until /.test(server.currentStatus().status_text),
      'snooze and status',
    );
    assert.equal(server.currentStatus().status_emoji, ':headphones:');
    const endsAt = (await api.focus.read()).timer.endsAt!;
    assert.equal(server.currentStatus().status_expiration, Math.ceil(endsAt / 1000));

    await vscode.commands.executeCommand(Commands.focusStop);
    await waitFor(
      () => !server.snooze && server.currentStatus().status_text === 'Reviewing PRs',
      'the status restored',
    );
    assert.equal(server.currentStatus().status_emoji, ':eyes:');
    await api.focus.settled();
    const entry = (await api.focus.read()).journal.find((e) => e.kind === 'slack');
    assert.ok(entry?.undoneAt, 'journaled and undone');
  });

  it('posts the open editor’s text to a channel, without the draft’s footer', async () => {
    const draft = [
      '# Weekly update',
      '',
      '## Shipped',
      '',
      '- Slack posting (edited by hand)',
      '',
      '---',
      '',
      '_Counting you as: ada@example.com_',
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: draft });
    await vscode.window.showTextDocument(document);
    const permalink = await vscode.commands.executeCommand<string>(Commands.slackPostWeekly, {
      channel: '#team-updates',
    });
    assert.match(permalink ?? '', /^https:\/\/cadence-test\.slack\.com\/archives\/C02UPDATES\/p\d+$/);
    const posted = server.messages.at(-1)!;
    assert.equal(posted.channel, 'C02UPDATES');
    assert.match(posted.text, /\*Shipped\*\n\n• Slack posting \(edited by hand\)/);
    assert.doesNotMatch(posted.text, /Counting you as/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
