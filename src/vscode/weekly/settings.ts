import * as vscode from 'vscode';
import { DEFAULT_BOTS } from '../../core/weekly/identity';
import { DEFAULT_HIDDEN_TYPES } from '../../core/weekly/draft';
import { type Weekday, WEEKDAYS, type WeekdayName } from '../../core/weekly/window';

/** `cadence.weekly.*`, read once per command through this one typed reader. */
export interface WeeklySettings {
  /** Empty: the system's zone. */
  timeZone: string;
  weekStartsOn: Weekday;
  workDays: Weekday[];
  authorEmails: string[];
  repos: string[];
  repoSearchDepth: number;
  hiddenTypes: string[];
  bots: string[];
  folder: string;
  template: string;
}

function weekday(name: unknown, fallback: Weekday): Weekday {
  const index = typeof name === 'string' ? WEEKDAYS.indexOf(name.toLowerCase() as WeekdayName) : -1;
  return index >= 0 ? (index as Weekday) : fallback;
}

function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : fallback;
}

export function readWeeklySettings(scope?: vscode.ConfigurationScope): WeeklySettings {
  const config = vscode.workspace.getConfiguration('cadence.weekly', scope);
  const depth = config.get<number>('repoSearchDepth', 2);
  return {
    timeZone: config.get<string>('timeZone', '').trim(),
    weekStartsOn: weekday(config.get('weekStartsOn'), 1),
    workDays: strings(config.get('workDays'), ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']).map((d) =>
      weekday(d, 1),
    ),
    authorEmails: strings(config.get('authorEmails'), []),
    repos: strings(config.get('repos'), []),
    repoSearchDepth: Number.isFinite(depth) ? Math.max(0, Math.min(6, Math.floor(depth))) : 2,
    hiddenTypes: strings(config.get('hiddenTypes'), DEFAULT_HIDDEN_TYPES),
    bots: strings(config.get('bots'), DEFAULT_BOTS),
    folder: config.get<string>('folder', 'updates').trim() || 'updates',
    template: config.get<string>('template', '').trim(),
  };
}
