// Slack commands and the Slack client, loaded on first use as their own bundle chunk (slack.js), so
// @slack/web-api never weighs on activation. Connect checks a token with auth.test before keeping it
// in SecretStorage; Post sends the open editor's text (as edited, prompts and footer left out) to a
// channel or an incoming webhook and links the posted message.
import * as vscode from 'vscode';
import { shareable } from '../../core/weekly/share';
import {
  createSlackApi,
  isAllowedSlackUrl,
  postToWebhook,
  type SlackApi,
  type SlackChannel,
} from '../../node/slack/client';
import { SLACK_LAST_CHANNEL_KEY, SLACK_SECRETS } from '../../shared/ids';
import { readSlackSettings } from './settings';

import { SlackFocus, type FocusStore, type SlackFocusDeps } from '../../node/slack/focusSlack';

/** The Slack side of focus blocks (built here so the client stays out of extension.js). */
export function slackFocus(store: FocusStore, deps: Omit<SlackFocusDeps, 'store' | 'formatTime'>): SlackFocus {
  return new SlackFocus({
    ...deps,
    store,
    formatTime: (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  });
}

export interface SlackCommandDeps {
  context: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
}

/** Where a post goes: a channel (id or name) or the stored incoming webhook. */
export type Destination = { kind: 'channel'; channel: string; name: string } | { kind: 'webhook' };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A client for `token` against the configured API base (checked: https, or http to this machine). */
export function slackClient(token: string): SlackApi {
  const { apiUrl } = readSlackSettings();
  if (apiUrl && !isAllowedSlackUrl(apiUrl))
    throw new Error(`cadence.slack.apiUrl must be an https:// URL (it is "${apiUrl}")`);
  return createSlackApi({ token, ...(apiUrl ? { apiUrl } : {}) });
}

/** Checks a token with auth.test and keeps it; returns "user in team", or undefined. */
export async function connectSlack(deps: SlackCommandDeps, given?: string): Promise<string | undefined> {
  const token = (
    given ??
    (await vscode.window.showInputBox({
      title: 'Cadence: Connect Slack',
      prompt:
        'Paste a Slack user token (xoxp-…) from your Slack app’s "OAuth & Permissions" page. Cadence keeps it in VS Code’s secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : 'Paste the token (it has no spaces)'),
    })) ??
    ''
  ).trim();
  if (!token) return undefined;
  try {
    const who = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Cadence: checking the Slack token…' },
      () => slackClient(token).authTest(),
    );
    await deps.context.secrets.store(SLACK_SECRETS.token, token);
    const name = `${who.user} in ${who.team}`;
    deps.log.info(`Slack: connected as ${name}`);
    void vscode.window.showInformationMessage(`Cadence: Slack connected as ${name}.`);
    return name;
  } catch (error) {
    deps.log.warn(`Slack: connect failed: ${errorText(error)}`);
    void vscode.window.showErrorMessage(`Cadence could not connect Slack: ${errorText(error)}. Nothing was stored.`);
    return undefined;
  }
}

interface DestinationItem extends vscode.QuickPickItem {
  destination?: Destination;
  action?: 'connect' | 'webhook';
}

/** Asks for the incoming webhook URL (kept in SecretStorage); undefined when cancelled. */
async function askWebhook(deps: SlackCommandDeps): Promise<boolean> {
  const url = await vscode.window.showInputBox({
    title: 'Cadence: Slack incoming webhook',
    prompt: 'Paste the incoming webhook URL (https://hooks.slack.com/services/…). It is kept in secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (isAllowedSlackUrl(value.trim()) ? undefined : 'A webhook URL starts with https://'),
  });
  if (!url) return false;
  await deps.context.secrets.store(SLACK_SECRETS.webhookUrl, url.trim());
  return true;
}

/** The channel picker: the workspace's last channel first, then every channel, then the webhook. */
async function pickDestination(deps: SlackCommandDeps, token: string | undefined): Promise<Destination | undefined> {
  const last = deps.context.workspaceState.get<Destination>(SLACK_LAST_CHANNEL_KEY);
  const items: DestinationItem[] = [];
  if (token) {
    const channels: SlackChannel[] = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Cadence: loading Slack channels…' },
      () => slackClient(token).listChannels(),
    );
    channels.sort((a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name));
    for (const c of channels) {
      const item: DestinationItem = {
        label: `${c.isPrivate ? '$(lock)' : '#'} ${c.name}`,
        ...(c.isMember ? {} : { description: 'not a member' }),
        destination: { kind: 'channel', channel: c.id, name: c.name },
      };
      if (last?.kind === 'channel' && last.channel === c.id) items.unshift({ ...item, description: 'last used' });
      else items.push(item);
    }
  } else {
    items.push({ label: '$(plug) Connect Slack…', description: 'to post to a channel', action: 'connect' });
  }
  const hasWebhook = Boolean(await deps.context.secrets.get(SLACK_SECRETS.webhookUrl));
  const webhook: DestinationItem = hasWebhook
    ? { label: '$(link) Incoming webhook', description: 'its own channel', destination: { kind: 'webhook' } }
    : { label: '$(link) Incoming webhook…', description: 'paste its URL', action: 'webhook' };
  if (last?.kind === 'webhook' && hasWebhook) items.unshift({ ...webhook, description: 'last used' });
  else items.push(webhook);
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Cadence: Post Weekly Update to Slack',
    placeHolder: 'Channel to post the weekly update to',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.action === 'connect') {
    if (!(await connectSlack(deps))) return undefined;
    return pickDestination(deps, await deps.context.secrets.get(SLACK_SECRETS.token));
  }
  if (picked.action === 'webhook') return (await askWebhook(deps)) ? { kind: 'webhook' } : undefined;
  return picked.destination;
}

/**
 * Posts the open editor's text. `args.channel` (a keybinding's argument: `#team-updates` or an id)
 * skips the picker. Returns the permalink (or "webhook"), undefined when nothing was posted.
 */
export async function postWeeklyToSlack(
  deps: SlackCommandDeps,
  args?: { channel?: unknown },
): Promise<string | undefined> {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.getText().trim() === '') {
    void vscode.window.showInformationMessage(
      'Cadence: open the weekly draft first ("Cadence: Draft Weekly Update"); Post sends the open editor’s text.',
    );
    return undefined;
  }
  const text = shareable(document.getText(), 'slack');
  const token = await deps.context.secrets.get(SLACK_SECRETS.token);
  try {
    let destination: Destination | undefined;
    if (typeof args?.channel === 'string' && args.channel.trim()) {
      if (!token) throw new Error('Slack is not connected: run "Cadence: Connect Slack"');
      destination = { kind: 'channel', channel: args.channel.trim(), name: args.channel.trim().replace(/^#/, '') };
    } else {
      destination = await pickDestination(deps, token);
    }
    if (!destination) return undefined;
    if (destination.kind === 'webhook') {
      const url = (await deps.context.secrets.get(SLACK_SECRETS.webhookUrl)) ?? '';
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Cadence: posting to Slack…' },
        () => postToWebhook(url, text),
      );
      await deps.context.workspaceState.update(SLACK_LAST_CHANNEL_KEY, destination);
      void vscode.window.showInformationMessage(
        'Cadence: posted the weekly update through the incoming webhook, to the channel it was made for (webhooks return no link).',
      );
      return 'webhook';
    }
    const posted = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Cadence: posting to Slack…' },
      () => slackClient(token ?? '').post(destination.channel, text),
    );
    await deps.context.workspaceState.update(SLACK_LAST_CHANNEL_KEY, { ...destination, channel: posted.channel });
    deps.log.info(`Slack: posted the weekly update to #${destination.name} (${posted.parts} message(s))`);
    void vscode.window
      .showInformationMessage(
        `Cadence: posted the weekly update to #${destination.name}${posted.parts > 1 ? ` in ${posted.parts} messages` : ''}.`,
        'Open in Slack',
      )
      .then((choice) => (choice ? vscode.env.openExternal(vscode.Uri.parse(posted.permalink)) : undefined));
    return posted.permalink;
  } catch (error) {
    deps.log.warn(`Slack: post failed: ${errorText(error)}`);
    void vscode.window.showErrorMessage(
      `Cadence could not post to Slack: ${errorText(error)}. The draft is unchanged.`,
    );
    return undefined;
  }
}
