// `cadence draft`: the weekly update on the command line, over the same core as the extension.
// Flags and the JSON shape are a contract (see README "Weekly update"). Exit 0 on success, 2 on
// usage errors (bad flag, bad date or week, unknown time zone), 1 on failures (not a repository,
// git missing), each with one line on stderr.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULT_API_URL, parseRepoName } from '../core/weekly/github';
import { FORMATS, type Format, renderFormat } from '../core/weekly/render';
import { isAllowedSlackUrl } from '../core/slack/messages';
import { shareable } from '../core/weekly/share';
import { normalizeWeeklySettings, parseWeekday, parseWorkDays, type WeeklySettings } from '../core/weekly/settings';
import type { TimeWindow } from '../core/weekly/model';
import { WindowError } from '../core/weekly/window';
import { focusSummaryFor } from '../node/focus/historyFile';
import {
  type AssembledDraft,
  assembleDraft,
  resolveWindow,
  weekOptions,
  type WindowChoice,
} from '../node/weekly/assemble';
import { readRepoWeeklySettings } from '../node/weekly/repoSettings';
import { defaultHistoryFile } from './focus';
import { GitError } from '../node/git';
import { systemTimeZone } from '../node/timeZone';
import { openRepo } from '../node/weekly/git';
import { type CliIo, type Subcommand, UsageError } from './io';

export const DRAFT_USAGE = `Usage: cadence draft [--repo PATH]... [--author EMAIL]...
                     [--week 2026-W47 | --since DATE --until DATE | --last-week]
                     [--tz Europe/Berlin] [--format markdown|slack|text|json] [--include-hidden]
                     [--week-starts-on DAY] [--work-days mon,tue,wed,thu,fri] [--bot MARKER]...
                     [--hide TYPE]... [--template FILE] [--previous FILE]
                     [--github | --no-github] [--github-url URL] [--github-repo OWNER/NAME]...
                     [--github-user LOGIN]
                     [--format slack --post CHANNEL [--slack-api-url URL]]

Drafts this week's update from local git: shipped changes, in progress / next week, blockers.
Inside a repository, its .vscode/settings.json cadence.weekly.* values (time zone, week start,
work days, bots, hidden types, author e-mails) apply as in the extension; flags win over them.
  --repo PATH       a repository to read (repeatable; default: the current directory's)
  --author EMAIL    count commits by this e-mail address as yours (repeatable; default:
                    user.email; names are not matched)
  --week ID         an ISO week, e.g. 2026-W47 (default: the current week)
  --since, --until  a range of calendar days, both included (YYYY-MM-DD)
  --last-week       the week before the current one
  --tz ZONE         IANA time zone for the week (default: the system's)
  --format F        markdown (default), slack, text or json
  --include-hidden  also list chore, ci, build, style, test and release changes
  --week-starts-on DAY  first day of the week: monday (default), sunday, saturday, …
  --work-days LIST  your work days, e.g. mon,tue,wed,thu,fri (commits outside them are counted)
  --bot MARKER      also treat authors whose name or e-mail contains MARKER as bots (repeatable)
  --hide TYPE       also leave this commit type out of Shipped (repeatable)
  --template FILE   render the Markdown through this Handlebars template
  --previous FILE   the previous update, for last week's plan (default: the newest saved one in
                    the first repository's updates/ folder)
  --github          add GitHub evidence (merged PRs, reviews, issues, open PRs, blockers);
                    the default when GH_TOKEN or GITHUB_TOKEN is set; without one, an error
  --no-github       local git only, even with a token
  --github-url URL  the GitHub API (default https://api.github.com; Enterprise
                    https://HOST/api/v3); the token is sent only there
  --github-repo R   also check this repository, OWNER/NAME (repeatable)
  --github-user L   the person, where the token cannot read /user (a GitHub Actions token)
  --post CHANNEL    post the Slack draft to CHANNEL (#team-updates or an id) with the user token
                    in SLACK_TOKEN; prints the message's permalink (needs --format slack)
  --slack-api-url URL  the Slack Web API base (default https://slack.com/api/; tests use
                    http://127.0.0.1:PORT/api/)
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
  weekStartsOn: string | null;
  workDays: string | null;
  bots: string[];
  hide: string[];
  template: string | null;
  previous: string | null;
  post: string | null;
  slackApiUrl: string | null;
  help: boolean;
  /** true: --github, false: --no-github, null: use GitHub when a token is set. */
  github: boolean | null;
  githubUrl: string | null;
  githubRepos: string[];
  githubUser: string | null;
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
    weekStartsOn: null,
    workDays: null,
    bots: [],
    hide: [],
    template: null,
    previous: null,
    post: null,
    slackApiUrl: null,
    help: false,
    github: null,
    githubUrl: null,
    githubRepos: [],
    githubUser: null,
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
      case '--week-starts-on': {
        const day = value();
        if (parseWeekday(day) === undefined)
          throw new UsageError(`--week-starts-on '${day}' is not a weekday (use monday, sunday, saturday, …)`);
        args.weekStartsOn = day;
        break;
      }
      case '--work-days': {
        const days = value();
        if (parseWorkDays(days) === undefined)
          throw new UsageError(`--work-days '${days}' is not a list of weekdays (use e.g. mon,tue,wed,thu,fri)`);
        args.workDays = days;
        break;
      }
      case '--bot':
        args.bots.push(value().trim());
        break;
      case '--hide':
        args.hide.push(value().trim().toLowerCase());
        break;
      case '--template':
        args.template = value();
        break;
      case '--previous':
        args.previous = value();
        break;
      case '--github':
      case '--no-github':
        if (args.github !== null && args.github !== (flag === '--github'))
          throw new UsageError('use only one of --github and --no-github');
        args.github = flag === '--github';
        break;
      case '--github-url':
        args.githubUrl = githubUrlArg(value());
        break;
      case '--github-repo': {
        const repo = value();
        const name = parseRepoName(repo);
        if (!name) throw new UsageError(`--github-repo '${repo}' is not OWNER/NAME`);
        args.githubRepos.push(name);
        break;
      }
      case '--github-user': {
        const login = value().trim().replace(/^@/, '');
        if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login))
          throw new UsageError(`--github-user '${login}' is not a GitHub login`);
        args.githubUser = login;
        break;
      }
      case '--post':
        args.post = value().trim();
        break;
      case '--slack-api-url':
        args.slackApiUrl = value().trim();
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
  if (args.post !== null && args.format !== 'slack')
    throw new UsageError('--post posts the Slack draft: add --format slack');
  if (args.slackApiUrl !== null && args.post === null) throw new UsageError('--slack-api-url goes with --post CHANNEL');
  if (args.slackApiUrl !== null && !isAllowedSlackUrl(args.slackApiUrl))
    throw new UsageError(
      `--slack-api-url '${args.slackApiUrl}' must be an https:// URL (or http://127.0.0.1 for tests)`,
    );
  return args;
}

/** What the CLI takes from the outside world; tests pass a fixed clock and a fake git path. */
/** `--github-url`: https, or http only to this machine (a local test server); never a token in clear. */
function githubUrlArg(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--github-url '${text}' is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new UsageError(`--github-url '${text}' must be https (http only for 127.0.0.1)`);
  if (url.username || url.password || url.search)
    throw new UsageError(`--github-url '${text}' must not carry credentials or a query`);
  return url.toString().replace(/\/+$/, '');
}

/** The token for GitHub: GH_TOKEN, else GITHUB_TOKEN (as the gh CLI reads them). */
export function githubToken(env: Readonly<Record<string, string | undefined>>): string | null {
  return env.GH_TOKEN?.trim() || env.GITHUB_TOKEN?.trim() || null;
}

export interface DraftDeps {
  now(): number;
  gitPath: string;
  systemTimeZone(): string;
  /** The focus history the extension records (see `cadence focus`); may not exist. */
  focusHistoryFile(): string;
  /** Environment variables (GH_TOKEN, GITHUB_TOKEN); default: the process's. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shorter waits between GitHub retries (tests). */
  githubRetryUnitMs?: number;
}

export const defaultDraftDeps: DraftDeps = {
  now: () => Date.now(),
  gitPath: 'git',
  systemTimeZone,
  focusHistoryFile: () => defaultHistoryFile(),
};

/** The settings for this draft: the repository's safe `cadence.weekly.*` values, then the flags. */
function effectiveSettings(repo: Partial<Record<string, unknown>>, args: DraftArgs): WeeklySettings {
  const settings = normalizeWeeklySettings((key) => repo[key]);
  return {
    ...settings,
    timeZone: args.tz ?? settings.timeZone,
    weekStartsOn: args.weekStartsOn !== null ? parseWeekday(args.weekStartsOn)! : settings.weekStartsOn,
    workDays: args.workDays !== null ? parseWorkDays(args.workDays)! : settings.workDays,
    bots: [...settings.bots, ...args.bots.filter((bot) => !settings.bots.includes(bot))],
    hiddenTypes: [...settings.hiddenTypes, ...args.hide.filter((type) => !settings.hiddenTypes.includes(type))],
  };
}

function windowChoice(args: DraftArgs): WindowChoice {
  if (args.week !== null) return { kind: 'week', id: args.week };
  if (args.since !== null && args.until !== null) return { kind: 'range', since: args.since, until: args.until };
  return { kind: args.lastWeek ? 'lastWeek' : 'thisWeek' };
}

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
  const token = githubToken(deps.env ?? process.env);
  if (args.github === true && !token)
    throw new UsageError('--github needs a token in GH_TOKEN or GITHUB_TOKEN (or drop --github)');
  const useGithub = token !== null && args.github !== false;
  const slackToken = (deps.env ?? process.env).SLACK_TOKEN?.trim();
  if (args.post !== null && !slackToken) throw new UsageError('--post needs a Slack user token in SLACK_TOKEN');
  const now = deps.now();
  const fail = (message: string) => {
    io.stderr.write(`cadence draft: ${message}\n`);
    return 1;
  };

  let assembled: AssembledDraft;
  try {
    const paths = args.repos.length > 0 ? args.repos.map((repo) => resolve(io.cwd, repo)) : [io.cwd];
    const roots: string[] = [];
    for (const path of paths) {
      const { root } = await openRepo(path, { gitPath: deps.gitPath });
      if (!roots.includes(root)) roots.push(root);
    }
    const repoSettings = await readRepoWeeklySettings(roots[0]);
    if (repoSettings.problem) io.stderr.write(`cadence draft: ${repoSettings.problem}\n`);
    const settings = effectiveSettings(repoSettings.values, args);
    let window: TimeWindow;
    try {
      const week = weekOptions(settings, deps.systemTimeZone());
      window = (await resolveWindow(windowChoice(args), now, week, null)).window;
    } catch (error) {
      if (error instanceof WindowError) throw new UsageError(error.message);
      throw error;
    }
    let previous: string | null | undefined;
    if (args.previous !== null) {
      const file = resolve(io.cwd, args.previous);
      previous = await readFile(file, 'utf8').catch(() => null);
      if (previous === null) return fail(`cannot read the previous update ${file}`);
    }
    assembled = await assembleDraft({
      roots,
      window,
      now,
      settings,
      authors: args.authors,
      includeHidden: args.includeHidden,
      updatesFolder: join(roots[0], settings.folder),
      previousUpdate: previous,
      templateFile: args.template !== null ? resolve(io.cwd, args.template) : null,
      focus: await focusSummaryFor(deps.focusHistoryFile(), window, roots),
      gitPath: deps.gitPath,
      github:
        useGithub && token
          ? {
              token,
              apiUrl: args.githubUrl ?? DEFAULT_API_URL,
              login: args.githubUser,
              repos: args.githubRepos,
              retryUnitMs: deps.githubRetryUnitMs,
              mergeableDelayMs: deps.githubRetryUnitMs,
            }
          : undefined,
    });
  } catch (error) {
    if (error instanceof GitError) return fail(error.message);
    throw error;
  }
  const { draft } = assembled;
  for (const notice of assembled.notices) io.stderr.write(`cadence draft: ${notice}\n`);
  if (draft.identities.length === 0) {
    return fail('no author to count — set git config user.email or pass --author EMAIL');
  }
  if (args.post !== null) return postDraft(shareable(draft, 'slack'), args.post, slackToken!, args.slackApiUrl, io);
  // Markdown is the draft to edit (with its prompts, through the template if any); Slack and text are
  // for pasting, as sent.
  io.stdout.write(
    args.format === 'markdown'
      ? assembled.markdown
      : args.format === 'slack' || args.format === 'text'
        ? shareable(draft, args.format)
        : renderFormat(draft, args.format),
  );
  return 0;
}

/** `--post`: the Slack draft to a channel; the permalink on stdout (exit 0), or one line (exit 1). */
async function postDraft(
  text: string,
  channel: string,
  token: string,
  apiUrl: string | null,
  io: CliIo,
): Promise<number> {
  // Loaded only for --post: the other commands never initialise the Slack client.
  const { createSlackApi } = await import('../node/slack/client');
  try {
    const posted = await createSlackApi({ token, ...(apiUrl ? { apiUrl } : {}) }).post(channel, text);
    io.stdout.write(`${posted.permalink}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(
      `cadence draft: could not post to Slack: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

export const draftCommand: Subcommand = {
  summary: 'draft the weekly update from local git (cadence draft --help)',
  run: (args, io) => runDraft(args, io),
};
