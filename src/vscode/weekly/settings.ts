import * as vscode from 'vscode';
import { normalizeWeeklySettings, type WeeklySettings } from '../../core/weekly/settings';

export type { WeeklySettings } from '../../core/weekly/settings';

/** `cadence.weekly.*`, read once per command through the one normalizer the CLI uses too. */
export function readWeeklySettings(scope?: vscode.ConfigurationScope): WeeklySettings {
  const config = vscode.workspace.getConfiguration('cadence.weekly', scope);
  return normalizeWeeklySettings((key) => config.get(key));
}
