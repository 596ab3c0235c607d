// `cadence.weekly.*` as one typed record, normalized the same way whoever reads it: the extension
// (VS Code's configuration) and the CLI (a repository's `.vscode/settings.json` plus flags). One
// normalizer, so the same values give the same draft in both.
import { DEFAULT_HIDDEN_TYPES } from './draft';
import { DEFAULT_BLOCKED_LABELS, DEFAULT_REVIEW_WAIT_HOURS } from './github';
import { DEFAULT_BOTS } from './identity';
import { readTable, type SettingSpec, type SettingsTable } from '../settings';
import { type Weekday, WEEKDAYS, type WeekdayName } from './window';

/** The weekly settings after normalization (bad values fall back to the defaults). */
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
  /** GitHub evidence: `auto` (a session if one exists, never a prompt), `always` (sign in), `off`. */
  github: 'auto' | 'always' | 'off';
  /** REST API base override (Enterprise proxies, tests); empty: from the session's provider. */
  githubApiUrl: string;
  /** Extra repositories (`owner/name`) to check besides the remotes. */
  githubRepos: string[];
  /** An open PR without reviewer or review for longer than this is a suggested blocker. */
  reviewWaitHours: number;
  /** Labels that mark a PR as blocked. */
  blockedLabels: string[];
}

/** Setting names (after `cadence.weekly.`) in the order package.json lists them. */
export type WeeklySettingKey = keyof WeeklySettings;

/**
 * Keys the CLI takes from a repository's own `.vscode/settings.json`: none names a file, a folder or
 * a program, so a cloned repository cannot make `cadence draft` read or write outside it.
 */
export const REPO_SAFE_KEYS: readonly WeeklySettingKey[] = [
  'timeZone',
  'weekStartsOn',
  'workDays',
  'bots',
  'hiddenTypes',
  'authorEmails',
];

export const DEFAULT_WORK_DAYS: readonly WeekdayName[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** A weekday from its setting spelling ("monday", any case), or undefined. */
export function parseWeekday(name: unknown): Weekday | undefined {
  const index = typeof name === 'string' ? WEEKDAYS.indexOf(name.trim().toLowerCase() as WeekdayName) : -1;
  return index >= 0 ? (index as Weekday) : undefined;
}

/**
 * A weekday as a person types it on the command line: its name or the name's first three or more
 * letters ("sun", "tues", "Monday"), any case; undefined otherwise.
 */
export function parseWeekdayWord(text: string): Weekday | undefined {
  const word = text.trim().toLowerCase();
  const index = word.length >= 3 ? WEEKDAYS.findIndex((day) => day.startsWith(word)) : -1;
  return index >= 0 ? (index as Weekday) : undefined;
}

/** Weekdays from a "mon,tue,wed" list (as parseWeekdayWord reads each); undefined if any is unknown. */
export function parseWorkDays(list: string): Weekday[] | undefined {
  const days: Weekday[] = [];
  for (const part of list.split(',')) {
    if (!part.trim()) continue;
    const index = parseWeekdayWord(part);
    if (index === undefined) return undefined;
    if (!days.includes(index as Weekday)) days.push(index as Weekday);
  }
  return days.length > 0 ? days : undefined;
}

/**
 * `cadence.weekly.*`: names, defaults and limits, once (package.json must agree; a unit test checks).
 * Day names are validated here; the normalizer turns them into weekday numbers.
 */
export const WEEKLY_SETTINGS = {
  timeZone: { type: 'string', default: '' },
  weekStartsOn: { type: 'string', default: 'monday', enum: WEEKDAYS },
  workDays: { type: 'strings', default: DEFAULT_WORK_DAYS, enum: WEEKDAYS },
  authorEmails: { type: 'strings', default: [] },
  repos: { type: 'strings', default: [] },
  repoSearchDepth: { type: 'integer', default: 2, minimum: 0, maximum: 6 },
  hiddenTypes: { type: 'strings', default: DEFAULT_HIDDEN_TYPES },
  bots: { type: 'strings', default: DEFAULT_BOTS },
  folder: { type: 'string', default: 'updates' },
  template: { type: 'string', default: '' },
  github: { type: 'string', default: 'auto', enum: ['auto', 'always', 'off'] },
  githubApiUrl: { type: 'string', default: '' },
  githubRepos: { type: 'strings', default: [] },
  reviewWaitHours: { type: 'number', default: DEFAULT_REVIEW_WAIT_HOURS, minimum: 1 },
  blockedLabels: { type: 'strings', default: DEFAULT_BLOCKED_LABELS },
} as const satisfies SettingsTable & Record<WeeklySettingKey, SettingSpec>;

/**
 * Normalizes raw setting values (`get('weekStartsOn')` → whatever the source holds, or undefined).
 * Wrong types and unknown day names fall back to the defaults, as VS Code itself does.
 */
export function normalizeWeeklySettings(get: (key: WeeklySettingKey) => unknown): WeeklySettings {
  const raw = readTable(WEEKLY_SETTINGS, (key) => get(key as WeeklySettingKey));
  return {
    ...raw,
    weekStartsOn: parseWeekday(raw.weekStartsOn) ?? 1,
    workDays: raw.workDays.map(parseWeekday).filter((day): day is Weekday => day !== undefined),
    folder: raw.folder || WEEKLY_SETTINGS.folder.default,
    github: raw.github as WeeklySettings['github'],
  };
}
