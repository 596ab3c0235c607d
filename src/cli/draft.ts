// `cadence draft`: the weekly update on the command line, over the same core as the extension.
// Flags and the JSON shape are a contract (see README "Weekly update"). Exit 0 on success, 2 on
// usage errors (bad flag, bad date or week, unknown time zone), 1 on failures (not a repository,
// git missing), each with one line on stderr.
import { join, resolve } from 'node:path';
import { DEFAULT_API_URL, parseRepoName } from '../core/weekly/github';
import { type Format, renderFormat } from '../core/weekly/render';
import { isAllowedSlackUrl } from '../core/slack/messages';
import { shareable } from '../core/weekly/share';
import { normalizeWeeklySettings, parseWeekdayWord, parseWorkDays, type WeeklySettings } from '../core/weekly/settings';
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
import { readUpdate } from '../node/weekly/updates';
import { defaultHistoryFile } from './focus';
import { GitError } from '../node/git';
import { systemTimeZone } from '../node/timeZone';
import { openRepo } from '../node/weekly/git';
import {
  type CommandSpec,
  defineCommand,
  type FlagSpecs,
  type FlagValues,
  parseCommandArgs,
  type Subcommand,
} from './args';
import { type CliIo, UsageError } from './io';
import { formatFlag } from './output';

/** `cadence draft`'s flags: add one here and read it as `args['its-name']` in runDraftWith. */
const draftFlags = {
  repo: {
    type: 'string',
    multiple: true,
    value: 'PATH',
    kind: 'directory',
    default: "the current directory's",
    description: 'a repository to read',
  },
  author: {
    type: 'string',
    multiple: true,
    value: 'EMAIL',
    default: 'user.email',
    description: 'count commits by this e-mail address as yours (names are not matched)',
    // Matched against commit e-mail addresses only (a name matches too loosely to count commits).
    check: (author) =>
      author.includes('@')
        ? undefined
        : `'${author.trim()}' is not an e-mail address (use the address on your commits)`,
  },
  week: { type: 'string', value: 'ID', default: 'the current week', description: 'an ISO week, e.g. 2026-W47' },
  since: {
    type: 'string',
    value: 'DATE',
    kind: 'date',
    description: 'first day of a range (YYYY-MM-DD; with --until)',
  },
  until: { type: 'string', value: 'DATE', kind: 'date', description: 'last day of a range, included (YYYY-MM-DD)' },
  'last-week': { type: 'boolean', description: 'the week before the current one' },
  tz: {
    type: 'string',
    value: 'ZONE',
    default: "the system's",
    description: 'IANA time zone for the week, e.g. Europe/Berlin',
  },
  format: formatFlag(['markdown', 'slack', 'text', 'json']),
  'include-hidden': { type: 'boolean', description: 'also list chore, ci, build, style, test and release changes' },
  'week-starts-on': {
    type: 'string',
    value: 'DAY',
    default: 'monday',
    description: 'first day of the week: a day name or its first three letters (monday or mon, sunday or sun, …)',
    check: (day) =>
      parseWeekdayWord(day) === undefined
        ? `'${day}' is not a weekday (use a day name or its first three letters: monday, mon, sun, …)`
        : undefined,
  },
  'work-days': {
    type: 'string',
    value: 'LIST',
    description:
      'your work days, comma-separated day names or their first three letters, e.g. mon,tue,wed,thu,fri (commits outside them are counted)',
    check: (days) =>
      parseWorkDays(days) === undefined
        ? `'${days}' is not a list of weekdays (use e.g. mon,tue,wed,thu,fri)`
        : undefined,
  },
  bot: {
    type: 'string',
    multiple: true,
    value: 'MARKER',
    description: 'also treat authors whose name or e-mail contains MARKER as bots',
  },
  hide: { type: 'string', multiple: true, value: 'TYPE', description: 'also leave this commit type out of Shipped' },
  template: {
    type: 'string',
    value: 'FILE',
    kind: 'file',
    description: 'render the Markdown through this Handlebars template',
  },
  previous: {
    type: 'string',
    value: 'FILE',
    kind: 'file',
    default: "the newest saved one in the first repository's updates/ folder",
    description: "the previous update, for last week's plan",
  },
  github: {
    type: 'boolean',
    description:
      'add GitHub evidence (merged PRs, reviews, issues, open PRs, blockers); the default when GH_TOKEN or GITHUB_TOKEN is set; without one, an error',
  },
  'no-github': { type: 'boolean', description: 'local git only, even with a token' },
  'github-url': {
    type: 'string',
    value: 'URL',
    default: 'https://api.github.com; Enterprise https://HOST/api/v3',
    description: 'the GitHub API; the token is sent only there',
    check: (text) => githubUrlProblem(text),
  },
  'github-repo': {
    type: 'string',
    multiple: true,
    value: 'OWNER/NAME',
    description: 'also check this repository',
    check: (repo) => (parseRepoName(repo) ? undefined : `'${repo}' is not OWNER/NAME`),
  },
  'github-user': {
    type: 'string',
    value: 'LOGIN',
    description: 'the person, where the token cannot read /user (a GitHub Actions token)',
    check: (login) => (githubLogin(login) ? undefined : `'${login.trim()}' is not a GitHub login`),
  },
  post: {
    type: 'string',
    value: 'CHANNEL',
    description:
      "post the Slack draft to CHANNEL (#team-updates or an id) with the user token in SLACK_TOKEN; prints the message's permalink (needs --format slack)",
  },
  'slack-api-url': {
    type: 'string',
    value: 'URL',
    default: 'https://slack.com/api/; tests use http://127.0.0.1:PORT/api/',
    description: 'the Slack Web API base',
    check: (url) =>
      isAllowedSlackUrl(url.trim()) ? undefined : `'${url}' must be an https:// URL (or http://127.0.0.1 for tests)`,
  },
} satisfies FlagSpecs;

/** `--github-user` as a login (a leading @ dropped), or undefined when it is not one. */
function githubLogin(text: string): string | undefined {
  const login = text.trim().replace(/^@/, '');
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) ? login : undefined;
}

/** `--github-url`: https, or http only to this machine (a local test server); never a token in clear. */
function githubUrlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a URL`;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    return `'${text}' must be https (http only for 127.0.0.1)`;
  if (url.username || url.password || url.search) return `'${text}' must not carry credentials or a query`;
  return undefined;
}

/** The token for GitHub: GH_TOKEN, else GITHUB_TOKEN (as the gh CLI reads them). */
export function githubToken(env: Readonly<Record<string, string | undefined>>): string | null {
  return env.GH_TOKEN?.trim() || env.GITHUB_TOKEN?.trim() || null;
}

type DraftArgs = FlagValues<typeof draftFlags>;

/** The checks between flags, after each flag was parsed on its own. */
function checkDraftArgs(args: DraftArgs): DraftArgs {
  const windows = [args.week !== undefined, args.since !== undefined || args.until !== undefined, args['last-week']];
  if (windows.filter(Boolean).length > 1)
    throw new UsageError('use only one of --week, --since/--until and --last-week');
  if ((args.since === undefined) !== (args.until === undefined))
    throw new UsageError('--since and --until go together');
  if (args.github && args['no-github']) throw new UsageError('use only one of --github and --no-github');
  if (args.post !== undefined && args.format !== 'slack')
    throw new UsageError('--post posts the Slack draft: add --format slack');
  if (args['slack-api-url'] !== undefined && args.post === undefined)
    throw new UsageError('--slack-api-url goes with --post CHANNEL');
  return args;
}

function draftSpec(deps: DraftDeps): CommandSpec<typeof draftFlags> {
  return {
    name: 'draft',
    summary: 'draft the weekly update from local git',
    description: `Drafts this week's update from local git: shipped changes, in progress / next week, blockers.
Inside a repository, its .vscode/settings.json cadence.weekly.* values (time zone, week start,
work days, bots, hidden types, author e-mails) apply as in the extension; flags win over them.`,
    flags: draftFlags,
    examples: [
      { command: 'cadence draft', description: "this week, from the current directory's repository, as Markdown" },
      {
        command: 'cadence draft --last-week --repo ../api --repo ../web --format slack',
        description: 'last week across two repositories, ready to paste into Slack',
      },
      {
        command: 'cadence draft --since 2026-11-01 --until 2026-11-14 --tz Europe/Berlin --format json',
        description: 'two weeks as JSON',
      },
    ],
    notes:
      'Exit codes: 0 done, 1 not a repository / git missing / no author / --previous unreadable, 2 usage error (bad flag, date, week or zone).',
    run: (args, io) => runDraftWith(checkDraftArgs(args.flags), io, deps),
  };
}

/** Parses `cadence draft` arguments (every check but the time zone); throws UsageError with one line. */
export function parseDraftArgs(argv: readonly string[]): DraftArgs {
  const parsed = parseCommandArgs(draftSpec(defaultDraftDeps), argv);
  if (parsed === 'help') throw new UsageError('--help is not a draft');
  return checkDraftArgs(parsed.flags);
}

/** What the CLI takes from the outside world; tests pass a fixed clock and a fake git path. */
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
  const bots = args.bot.map((bot) => bot.trim());
  const hide = args.hide.map((type) => type.trim().toLowerCase());
  return {
    ...settings,
    timeZone: args.tz ?? settings.timeZone,
    weekStartsOn:
      args['week-starts-on'] !== undefined ? parseWeekdayWord(args['week-starts-on'])! : settings.weekStartsOn,
    workDays: args['work-days'] !== undefined ? parseWorkDays(args['work-days'])! : settings.workDays,
    bots: [...settings.bots, ...bots.filter((bot) => !settings.bots.includes(bot))],
    hiddenTypes: [...settings.hiddenTypes, ...hide.filter((type) => !settings.hiddenTypes.includes(type))],
  };
}

function windowChoice(args: DraftArgs): WindowChoice {
  if (args.week !== undefined) return { kind: 'week', id: args.week };
  if (args.since !== undefined && args.until !== undefined)
    return { kind: 'range', since: args.since, until: args.until };
  return { kind: args['last-week'] ? 'lastWeek' : 'thisWeek' };
}

/** Runs `cadence draft` with `deps` (tests pass a fixed clock and a fake git); returns the exit code. */
export function runDraft(argv: readonly string[], io: CliIo, deps: DraftDeps = defaultDraftDeps): Promise<number> {
  return defineCommand(draftSpec(deps)).run(argv, io);
}

async function runDraftWith(args: DraftArgs, io: CliIo, deps: DraftDeps): Promise<number> {
  const token = githubToken(deps.env ?? process.env);
  if (args.github && !token)
    throw new UsageError('--github needs a token in GH_TOKEN or GITHUB_TOKEN (or drop --github)');
  const useGithub = token !== null && !args['no-github'];
  const slackToken = (deps.env ?? process.env).SLACK_TOKEN?.trim();
  if (args.post !== undefined && !slackToken) throw new UsageError('--post needs a Slack user token in SLACK_TOKEN');
  const now = deps.now();
  const fail = (message: string) => {
    io.stderr.write(`cadence draft: ${message}\n`);
    return 1;
  };

  let assembled: AssembledDraft;
  try {
    const paths = args.repo.length > 0 ? args.repo.map((repo) => resolve(io.cwd, repo)) : [io.cwd];
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
      // The system's zone only when no zone is given: asking builds a formatter for nothing.
      const week = weekOptions(settings, () => deps.systemTimeZone());
      window = (await resolveWindow(windowChoice(args), now, week, null)).window;
    } catch (error) {
      if (error instanceof WindowError) throw new UsageError(error.message);
      throw error;
    }
    let previous: string | null | undefined;
    if (args.previous !== undefined) {
      const file = resolve(io.cwd, args.previous);
      // Named by the user: anywhere, but a regular file of at most 1 MiB (never a FIFO or a device).
      const read = readUpdate(file, null);
      if ('problem' in read) return fail(read.problem);
      previous = read.text;
    }
    assembled = await assembleDraft({
      roots,
      window,
      now,
      settings,
      authors: args.author.map((author) => author.trim()),
      includeHidden: args['include-hidden'],
      updatesFolder: join(roots[0], settings.folder),
      previousUpdate: previous,
      templateFile: args.template !== undefined ? resolve(io.cwd, args.template) : null,
      focus: await focusSummaryFor(deps.focusHistoryFile(), window, roots),
      // The repository's `cadence.docs.*` thresholds, as `cadence duty` reads them (its problem, if
      // any, is the settings file's and was said above); loaded only for a repository with a team file.
      dutySettings: async () => {
        const { readRepoDocsSettings } = await import('../node/docs/repoDocsSettings');
        const { dutyThresholds } = await import('../shared/docsSettings');
        return dutyThresholds((await readRepoDocsSettings(roots[0])).values);
      },
      gitPath: deps.gitPath,
      github:
        useGithub && token
          ? {
              token,
              apiUrl:
                args['github-url'] !== undefined
                  ? new URL(args['github-url']).toString().replace(/\/+$/, '')
                  : DEFAULT_API_URL,
              login: args['github-user'] !== undefined ? githubLogin(args['github-user'])! : null,
              repos: args['github-repo'].map((repo) => parseRepoName(repo)!),
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
  if (args.post !== undefined)
    return postDraft(
      shareable(draft, 'slack'),
      args.post.trim(),
      slackToken!,
      args['slack-api-url']?.trim() ?? null,
      io,
    );
  // Markdown is the draft to edit (with its prompts, through the template if any); Slack and text are
  // for pasting, as sent.
  const format = (args.format ?? 'markdown') as Format;
  io.stdout.write(
    format === 'markdown'
      ? assembled.markdown
      : format === 'slack' || format === 'text'
        ? shareable(draft, format)
        : renderFormat(draft, format),
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

export const draftCommand: Subcommand = defineCommand(draftSpec(defaultDraftDeps));
