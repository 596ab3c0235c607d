// `cadence draft`: the weekly update on the command line, over the same core as the extension.
// Flags and the JSON shape are a contract (see README "Weekly update"). Exit 0 on success, 2 on
// usage errors (bad flag, bad date or week, unknown time zone), 1 on failures (not a repository,
// git missing), each with one line on stderr.
import { resolve } from 'node:path';
import type { WeeklyDraft } from '../core/weekly/model';
import { FORMATS, type Format, renderFormat } from '../core/weekly/render';
import { shareable } from '../core/weekly/share';
import { canonicalTimeZone, isoWeekWindow, rangeWindow, weekWindow, WindowError } from '../core/weekly/window';
import { focusSummaryFor } from '../node/focus/historyFile';
import { draftFromRepos } from '../node/weekly/draftRepos';
import { defaultHistoryFile } from './focus';
import { openRepo, WeeklyGitError } from '../node/weekly/git';
import { type CliIo, type Subcommand, UsageError } from './io';

export const DRAFT_USAGE = `Usage: cadence draft [--repo PATH]... [--author EMAIL]...
                     [--week 2026-W47 | --since DATE --until DATE | --last-week]
                     [--tz Europe/Berlin] [--format markdown|slack|text|json] [--include-hidden]

Drafts this week's update from local git: shipped changes, in progress / next week, blockers.
  --repo PATH       a repository to read (repeatable; default: the current directory's)
  --author EMAIL    count commits by this e-mail address as yours (repeatable; default:
                    user.email; names are not matched)
  --week ID         an ISO week, e.g. 2026-W47 (default: the current week)
  --since, --until  a range of calendar days, both included (YYYY-MM-DD)
  --last-week       the week before the current one
  --tz ZONE         IANA time zone for the week (default: the system's)
  --format F        markdown (default), slack, text or json
  --include-hidden  also list chore, ci, build, style and test changes
`;

interface DraftArgs {
  repos: string[];
  authors: string[];
  week: string | null;
  since: string | null;
  until: string | null;
  lastWeek: boolean;
  tz: string | null;
  format: Format;
  includeHidden: boolean;
  help: boolean;
}

/** Parses `cadence draft` arguments; throws UsageError with one line. */
export function parseDraftArgs(argv: readonly string[]): DraftArgs {
  const args: DraftArgs = {
    repos: [],
    authors: [],
    week: null,
    since: null,
    until: null,
    lastWeek: false,
    tz: null,
    format: 'markdown',
    includeHidden: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      const next = eq > 0 ? raw.slice(eq + 1) : argv[i + 1];
      // `--author=` and `--author ""` are as empty as a missing value.
      if (next === undefined || next.startsWith('--') || !next.trim()) throw new UsageError(`${flag} needs a value`);
      if (eq < 0) i++;
      return next;
    };
    switch (flag) {
      case '--repo':
        args.repos.push(value());
        break;
      case '--author': {
        // Matched against commit e-mail addresses only (a name matches too loosely to count commits).
        const author = value().trim();
        if (!author.includes('@'))
          throw new UsageError(`--author '${author}' is not an e-mail address (use the address on your commits)`);
        args.authors.push(author);
        break;
      }
      case '--week':
        args.week = value();
        break;
      case '--since':
        args.since = value();
        break;
      case '--until':
        args.until = value();
        break;
      case '--last-week':
        args.lastWeek = true;
        break;
      case '--tz':
        args.tz = value();
        break;
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as Format)) {
          throw new UsageError(`unknown format '${format}' (use markdown, slack, text or json)`);
        }
        args.format = format as Format;
        break;
      }
      case '--include-hidden':
        args.includeHidden = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new UsageError(`unknown option '${raw}' (see 'cadence draft --help')`);
    }
  }
  const windows = [args.week !== null, args.since !== null || args.until !== null, args.lastWeek].filter(Boolean);
  if (windows.length > 1) throw new UsageError('use only one of --week, --since/--until and --last-week');
  if ((args.since === null) !== (args.until === null)) throw new UsageError('--since and --until go together');
  return args;
}

/** What the CLI takes from the outside world; tests pass a fixed clock and a fake git path. */
export interface DraftDeps {
  now(): number;
  gitPath: string;
  systemTimeZone(): string;
  /** The focus history the extension records (see `cadence focus`); may not exist. */
  focusHistoryFile(): string;
}

export const defaultDraftDeps: DraftDeps = {
  now: () => Date.now(),
  gitPath: 'git',
  systemTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  focusHistoryFile: () => defaultHistoryFile(),
};

/** Runs `cadence draft`; returns the exit code. */
export async function runDraft(
  argv: readonly string[],
  io: CliIo,
  deps: DraftDeps = defaultDraftDeps,
): Promise<number> {
  const args = parseDraftArgs(argv);
  if (args.help) {
    io.stdout.write(DRAFT_USAGE);
    return 0;
  }
  const now = deps.now();
  let timeZone: string;
  try {
    // `--tz utc` → "UTC": the zone as Intl names it, so labels and JSON read the same for any spelling.
    timeZone = canonicalTimeZone(args.tz ?? deps.systemTimeZone());
  } catch (error) {
    if (error instanceof WindowError) throw new UsageError(error.message);
    throw error;
  }
  const week = { timeZone, weekStartsOn: 1 as const };
  let window;
  try {
    if (args.week !== null) window = isoWeekWindow(args.week, week);
    else if (args.since !== null && args.until !== null) window = rangeWindow(args.since, args.until, timeZone);
    else window = weekWindow(now, week, args.lastWeek ? -1 : 0);
  } catch (error) {
    if (error instanceof WindowError) throw new UsageError(error.message);
    throw error;
  }

  let draft: WeeklyDraft;
  try {
    const paths = args.repos.length > 0 ? args.repos.map((repo) => resolve(io.cwd, repo)) : [io.cwd];
    const roots: string[] = [];
    for (const path of paths) {
      const { root } = await openRepo(path, { gitPath: deps.gitPath });
      if (!roots.includes(root)) roots.push(root);
    }
    draft = await draftFromRepos({
      roots,
      window,
      now,
      authors: args.authors,
      includeRepoUserEmail: args.authors.length === 0,
      includeHidden: args.includeHidden,
      gitPath: deps.gitPath,
      focus: await focusSummaryFor(deps.focusHistoryFile(), window),
    });
  } catch (error) {
    if (error instanceof WeeklyGitError) {
      io.stderr.write(`cadence draft: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (draft.identities.length === 0) {
    io.stderr.write('cadence draft: no author to count — set git config user.email or pass --author EMAIL\n');
    return 1;
  }
  // Markdown is the draft to edit (with its prompts); Slack and text are for pasting, as sent.
  io.stdout.write(
    args.format === 'slack' || args.format === 'text'
      ? shareable(draft, args.format)
      : renderFormat(draft, args.format),
  );
  return 0;
}

export const draftCommand: Subcommand = {
  summary: 'draft the weekly update from local git (cadence draft --help)',
  run: (args, io) => runDraft(args, io),
};
