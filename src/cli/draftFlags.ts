// `cadence draft`'s flags, their one-flag checks and the checks between them (the CLI contract in
// README "Weekly update"); running the draft is draft.ts.
import { isAllowedSlackUrl } from '../core/slack/messages';
import { parseRepoName } from '../core/weekly/github';
import { parseWeekdayWord, parseWorkDays } from '../core/weekly/settings';
import { type FlagSpecs, type FlagValues } from './args';
import { UsageError } from './io';
import { formatFlag } from './output';

/** `cadence draft`'s flags: add one here and read it as `args['its-name']` in runDraftWith. */
export const draftFlags = {
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
export function githubLogin(text: string): string | undefined {
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

export type DraftArgs = FlagValues<typeof draftFlags>;

/** The checks between flags, after each flag was parsed on its own. */
export function checkDraftArgs(args: DraftArgs): DraftArgs {
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
