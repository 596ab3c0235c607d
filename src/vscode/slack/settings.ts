import * as vscode from 'vscode';
import { readSetting, readTable } from '../../core/settings';
import type { SlackFocusMode } from '../../core/slack/focus';
import { SLACK_SETTINGS } from '../../core/slack/settings';

/** Every `cadence.slack.*` setting, read through this one typed reader. */
export interface SlackSettings {
  focus: SlackFocusMode;
  statusText: string;
  statusEmoji: string;
  /** The Web API base; empty for Slack's own. */
  apiUrl: string;
}

export function readSlackSettings(): SlackSettings {
  const config = vscode.workspace.getConfiguration('cadence.slack');
  const raw = readTable(SLACK_SETTINGS, (name) => config.get(name));
  const { statusEmoji } = raw;
  return {
    focus: raw.focus as SlackFocusMode,
    statusText: raw.statusText || SLACK_SETTINGS.statusText.default,
    // Slack wants `:name:`; a bare name is forgiven.
    statusEmoji: statusEmoji && !statusEmoji.startsWith(':') ? `:${statusEmoji.replace(/:/g, '')}:` : statusEmoji,
    // Only the user's own settings count (the setting is application-scoped): a workspace must never
    // send the token elsewhere.
    apiUrl: readSetting(SLACK_SETTINGS.apiUrl, config.inspect<string>('apiUrl')?.globalValue),
  };
}
