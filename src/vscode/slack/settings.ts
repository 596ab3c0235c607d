import * as vscode from 'vscode';
import { SLACK_FOCUS_MODES, type SlackFocusMode } from '../../core/slack/focus';

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
  const focus = config.get<string>('focus', 'off');
  const statusEmoji = config.get<string>('statusEmoji', ':headphones:').trim();
  return {
    focus: SLACK_FOCUS_MODES.includes(focus as SlackFocusMode) ? (focus as SlackFocusMode) : 'off',
    statusText: config.get<string>('statusText', 'Focusing until {end}') || 'Focusing until {end}',
    // Slack wants `:name:`; a bare name is forgiven.
    statusEmoji: statusEmoji && !statusEmoji.startsWith(':') ? `:${statusEmoji.replace(/:/g, '')}:` : statusEmoji,
    // Only the user's own settings count (the setting is application-scoped): a workspace must never
    // send the token elsewhere.
    apiUrl: (config.inspect<string>('apiUrl')?.globalValue ?? '').trim(),
  };
}
