// `cadence focus`: this week's focus (or any date range) from the history the extension records.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { summarizeFocus } from '../core/focus/history';
import { formatMinutes } from '../core/focus/historyView';
import { weekOf } from '../core/focus/schedule';
import { readFocusHistoryFile } from '../node/focus/historyFile';
import { yourTimeZone } from '../node/timeZone';
import { readRepoWeeklySettings } from '../node/weekly/repoSettings';
import { defineCommand, type Subcommand } from './args';
import { UsageError } from './io';
import { formatFlag, writeJson } from './output';

const STORAGE_TAIL = ['User', 'globalStorage', 'cadence-dev.cadence', 'focus-history.jsonl'];

/** Every place a VS Code build keeps Cadence's history on this platform, desktop VS Code first. */
export function historyCandidates(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] {
  const home = os.homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  const data =
    platform === 'win32' || platform === 'darwin' ? base : (env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'));
  return [
    ...['Code', 'Code - Insiders', 'VSCodium'].map((app) => path.join(base, app, ...STORAGE_TAIL)),
    path.join(data, 'code-server', ...STORAGE_TAIL),
  ];
}

/** Where Cadence's history is: $CADENCE_FOCUS_HISTORY, else the first candidate that exists. */
export function defaultHistoryFile(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
  exists: (file: string) => boolean = fs.existsSync,
): string {
  if (env.CADENCE_FOCUS_HISTORY) return env.CADENCE_FOCUS_HISTORY;
  const candidates = historyCandidates(env, platform);
  return candidates.find(exists) ?? candidates[0]!;
}

/** Midnight in `zone` of a YYYY-MM-DD day (already checked by the parser) plus `dayOffset` days. */
function localMidnight(text: string, zone: string, dayOffset = 0): number {
  const [year, month, day] = text.trim().split('-').map(Number) as [number, number, number];
  // 23 or 25 hours apart across a DST change, never 24 fixed.
  return new TZDate(year, month - 1, day + dayOffset, zone).getTime();
}

/** Your time zone: the folder's `cadence.weekly.timeZone` (as the extension reads it), else the system's. */
async function cliTimeZone(cwd: string): Promise<string> {
  const { values } = await readRepoWeeklySettings(cwd);
  try {
    return yourTimeZone(typeof values.timeZone === 'string' ? values.timeZone : undefined);
  } catch (error) {
    throw new UsageError(`cadence.weekly.timeZone in ${cwd}/.vscode/settings.json: ${(error as Error).message}`);
  }
}

export const focusCommand: Subcommand = defineCommand({
  name: 'focus',
  summary: 'show recorded focus time (this week by default)',
  description: `Focus time recorded by the Cadence extension: this week (Monday to Sunday) unless a range is
given (--until is inclusive). The history defaults to $CADENCE_FOCUS_HISTORY, else Cadence's global
storage folder in VS Code, VS Code Insiders, VSCodium or code-server (the first that exists).`,
  flags: {
    history: { type: 'string', value: 'FILE', kind: 'file', description: 'the focus-history.jsonl to read' },
    since: {
      type: 'string',
      value: 'DATE',
      kind: 'date',
      default: 'this Monday',
      description: 'first day (YYYY-MM-DD)',
    },
    until: { type: 'string', value: 'DATE', kind: 'date', description: 'last day, included (YYYY-MM-DD)' },
    format: formatFlag(['text', 'json']),
    json: { type: 'boolean', description: 'same as --format json' },
  },
  examples: [
    { command: 'cadence focus', description: "this week's focus time, by branch" },
    {
      command: 'cadence focus --since 2026-11-01 --until 2026-11-30 --json',
      description: 'November as JSON: blocks, minutes, completed, byBranch, start, end, file',
    },
  ],
  notes: 'Exit codes: 0 done (also when there is no history yet), 1 the history could not be read, 2 usage error.',
  async run({ flags }, io) {
    if (flags.json && flags.format !== undefined && flags.format !== 'json')
      throw new UsageError(`--json and --format ${flags.format} disagree`);
    const json = flags.json || flags.format === 'json';
    const zone = await cliTimeZone(io.cwd);
    const since = flags.since === undefined ? undefined : localMidnight(flags.since, zone);
    const until = flags.until === undefined ? undefined : localMidnight(flags.until, zone, 1);
    const week = weekOf(Date.now(), zone);
    const window = { start: since ?? week.start, end: until ?? (since !== undefined ? Date.now() : week.end) };
    if (window.end <= window.start)
      throw new UsageError(`--until ${flags.until ?? ''} is before --since ${flags.since ?? ''}`);
    const file = flags.history !== undefined ? path.resolve(io.cwd, flags.history) : defaultHistoryFile();
    let history;
    try {
      history = await readFocusHistoryFile(file);
    } catch (error) {
      io.stderr.write(
        `cadence focus: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
    if (history === undefined) {
      const elsewhere =
        flags.history === undefined && !process.env.CADENCE_FOCUS_HISTORY
          ? ' (pass --history FILE if it is elsewhere)'
          : '';
      io.stderr.write(`cadence focus: no focus history at ${file} yet${elsewhere}\n`);
    } else if (history.corruptLines.length > 0) {
      const lines = history.corruptLines;
      const shown = lines.slice(0, 10).join(', ') + (lines.length > 10 ? ', …' : '');
      io.stderr.write(
        `cadence focus: skipped ${lines.length} corrupt line${lines.length === 1 ? '' : 's'} in ${file} (line${lines.length === 1 ? '' : 's'} ${shown})\n`,
      );
    }
    const summary = summarizeFocus(history?.records ?? [], window);
    if (json) {
      writeJson(io, { ...summary, start: window.start, end: window.end, file });
      return 0;
    }
    if (history === undefined) return 0;
    const top = summary.byBranch[0];
    io.stdout.write(
      `${formatMinutes(summary.minutes)} of focus in ${summary.blocks} block${summary.blocks === 1 ? '' : 's'} ` +
        `(${summary.completed} completed)${top && top.branch !== '(no branch)' ? `, mostly on ${top.branch}` : ''}\n`,
    );
    for (const branch of summary.byBranch)
      io.stdout.write(`  ${formatMinutes(branch.minutes).padStart(7)}  ${branch.branch}\n`);
    return 0;
  },
});
