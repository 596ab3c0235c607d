// `cadence focus`: this week's focus (or any date range) from the history the extension records.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { summarizeFocus } from '../core/focus/history';
import { formatMinutes } from '../core/focus/historyView';
import { weekOf } from '../core/focus/schedule';
import { readFocusHistory } from '../node/focus/historyFile';
import { yourTimeZone } from '../node/timeZone';
import { readRepoWeeklySettings } from '../node/weekly/repoSettings';
import { type CliIo, type Subcommand, UsageError } from './io';

const HELP = `Usage: cadence focus [--history FILE] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--json]

Focus time recorded by the Cadence extension: this week (Monday to Sunday) unless a range is
given (--until is inclusive). --history defaults to $CADENCE_FOCUS_HISTORY, else Cadence's global
storage folder in VS Code, VS Code Insiders, VSCodium or code-server (the first that exists).
`;

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

function localDate(text: string, option: string, zone: string, dayOffset = 0): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new UsageError(`${option} must be a date like 2026-11-23, not "${text}"`);
  // Midnight of that day (plus days) in your zone: 23 or 25 hours apart across a DST change.
  return new TZDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + dayOffset, zone).getTime();
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

export const focusCommand: Subcommand = {
  summary: 'show recorded focus time (this week by default)',
  async run(args: string[], io: CliIo): Promise<number> {
    let file: string | undefined;
    let since: string | undefined;
    let until: string | undefined;
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const value = () => {
        const v = args[++i];
        if (v === undefined) throw new UsageError(`${arg} needs a value`);
        return v;
      };
      if (arg === '--help' || arg === '-h') {
        io.stdout.write(HELP);
        return 0;
      } else if (arg === '--history') file = path.resolve(io.cwd, value());
      else if (arg === '--since') since = value();
      else if (arg === '--until') until = value();
      else if (arg === '--json') json = true;
      else throw new UsageError(`unknown option ${arg} (see 'cadence focus --help')`);
    }
    const zone = await cliTimeZone(io.cwd);
    const start = since !== undefined ? localDate(since, '--since', zone) : undefined;
    const end = until !== undefined ? localDate(until, '--until', zone, 1) : undefined;
    const week = weekOf(Date.now(), zone);
    const window = { start: start ?? week.start, end: end ?? (start !== undefined ? Date.now() : week.end) };
    if (window.end <= window.start) throw new UsageError('--until is before --since');
    if (file === undefined) {
      file = defaultHistoryFile();
      if (!process.env.CADENCE_FOCUS_HISTORY && !fs.existsSync(file)) {
        io.stderr.write(
          `cadence focus: no focus history found (looked in ${historyCandidates().join(', ')}). Pass --history FILE.\n`,
        );
        return 1;
      }
    }
    let records;
    try {
      records = await readFocusHistory(file);
    } catch (error) {
      io.stderr.write(
        `cadence focus: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return 1;
    }
    const summary = summarizeFocus(records, window);
    if (json) {
      io.stdout.write(JSON.stringify({ ...summary, start: window.start, end: window.end, file }, null, 2) + '\n');
      return 0;
    }
    const top = summary.byBranch[0];
    io.stdout.write(
      `${formatMinutes(summary.minutes)} of focus in ${summary.blocks} block${summary.blocks === 1 ? '' : 's'} ` +
        `(${summary.completed} completed)${top && top.branch !== '(no branch)' ? `, mostly on ${top.branch}` : ''}\n`,
    );
    for (const branch of summary.byBranch)
      io.stdout.write(`  ${formatMinutes(branch.minutes).padStart(7)}  ${branch.branch}\n`);
    return 0;
  },
};
