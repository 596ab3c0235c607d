// `cadence draft`: the weekly update on the command line, over the same core as the extension.
// Flags and the JSON shape are a contract (see README "Weekly update"). Exit 0 on success, 2 on
// usage errors (bad flag, bad date or week, unknown time zone), 1 on failures (not a repository,
// git missing), each with one line on stderr.
import { join, resolve } from 'node:path';
import { DEFAULT_API_URL, parseRepoName } from '../core/weekly/github';
import { type Format, renderFormat } from '../core/weekly/render';
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
import { type CommandSpec, defineCommand, parseCommandArgs, type Subcommand } from './args';
import { checkDraftArgs, type DraftArgs, draftFlags, githubLogin, githubToken } from './draftFlags';
import { type CliIo, UsageError } from './io';

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
