// "Cadence: Publish Weekly Update to GitHub…": the open draft or saved update, as shared (prompts
// and footer left out, see core/weekly/share.ts), as a comment on an issue or a new discussion.
// Pick the repository (the draft's, then settings), then the place (discussion categories and open
// issues in one list), see progress, get the link. Octokit loads from the github.js chunk on use.
// The session's token goes to the request only: never to the log or a message.
import * as vscode from 'vscode';
import { githubRepoOf, parseRepoName, servedHost } from '../../core/weekly/github';
import type { WeeklyDraft } from '../../core/weekly/model';
import {
  describeTarget,
  parseIssueNumber,
  placeItems,
  publishRepos,
  type PublishTarget,
} from '../../core/weekly/publish';
import { shareable } from '../../core/weekly/share';
import type { PublishOptions } from '../../node/github/publish';
import { systemTimeZone } from '../../node/timeZone';
import { currentText, type WeeklyState } from './draftEditor';
import { githubProvider } from './githubSession';
import type { WeeklyDeps } from './deps';
import { readWeeklySettings } from './settings';

/** A keybinding's (or a test's) arguments: skip the pickers. */
export interface PublishArgs {
  repo?: string;
  /** Comment on this issue of `repo`. */
  issue?: number;
  /** Start a discussion in the category of this name. */
  category?: string;
}

const TITLE = 'Cadence: Publish Weekly Update to GitHub';
const github = () => import('../../node/github/client');

interface Item<T> extends vscode.QuickPickItem {
  value?: T;
}

async function pickRepo(repos: string[]): Promise<string | undefined> {
  const other: Item<string> = { label: '$(edit) Other repository…', description: 'owner/name' };
  const picked = await vscode.window.showQuickPick<Item<string>>(
    [...repos.map((repo) => ({ label: `$(repo) ${repo}`, value: repo })), other],
    { title: TITLE, placeHolder: 'Repository to publish the weekly update in' },
  );
  if (!picked) return undefined;
  if (picked.value) return picked.value;
  const typed = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The repository, as owner/name',
    validateInput: (value) => (parseRepoName(value) ? undefined : 'Type owner/name, e.g. octo/app'),
  });
  return typed ? (parseRepoName(typed) ?? undefined) : undefined;
}

async function pickTarget(
  options: PublishOptions,
  repo: string,
  args: PublishArgs,
): Promise<PublishTarget | undefined> {
  if (args.issue !== undefined) return { kind: 'comment', repo, issue: args.issue };
  const places = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Cadence: reading ${repo} on GitHub…` },
    async () => (await github()).listPlaces(options, repo),
  );
  const items = placeItems(repo, places);
  if (args.category !== undefined) {
    const wanted = args.category.toLowerCase();
    const found = items.find((i) => i.target?.kind === 'discussion' && i.target.category.toLowerCase() === wanted);
    if (!found?.target)
      throw new (await github()).PublishFailed(`${repo} has no discussion category "${args.category}"`);
    return found.target;
  }
  const byNumber: Item<PublishTarget> = { label: '$(edit) Comment on issue number…' };
  const picked = await vscode.window.showQuickPick<Item<PublishTarget>>(
    [
      ...items.map((item) =>
        item.target
          ? { label: item.label, description: item.description, value: item.target }
          : { label: item.label, kind: vscode.QuickPickItemKind.Separator },
      ),
      byNumber,
    ],
    { title: `${TITLE} — ${repo}`, placeHolder: 'A new discussion, or a comment on an open issue' },
  );
  if (!picked) return undefined;
  if (picked.value) return picked.value;
  const typed = await vscode.window.showInputBox({
    title: `${TITLE} — ${repo}`,
    prompt: `The issue of ${repo} to comment on`,
    validateInput: (value) => (parseIssueNumber(value, repo) ? undefined : 'Type the issue number, e.g. 12'),
  });
  const issue = typed ? parseIssueNumber(typed, repo) : null;
  return issue ? { kind: 'comment', repo, issue } : undefined;
}

/** The hosts of the draft's clones: which web host the configured API serves. */
function draftHosts(draft: WeeklyDraft | null): string[] {
  return (draft?.repos ?? []).flatMap((r) => {
    const gh = r.webUrl ? githubRepoOf(r.webUrl) : null;
    return gh ? [gh.host] : [];
  });
}

/** Publishes; returns the link to the comment or discussion, undefined when nothing was published. */
export async function publishToGithub(
  state: WeeklyState,
  deps: WeeklyDeps,
  args: PublishArgs = {},
): Promise<string | undefined> {
  const current = currentText(state);
  const markdown = current ? shareable(current.draft ?? current.text, 'markdown') : '';
  if (!current || markdown.trim() === '') {
    void vscode.window.showInformationMessage(
      'Cadence: nothing to publish — open a weekly draft ("Cadence: Draft Weekly Update") or a saved update first.',
    );
    return undefined;
  }
  const settings = readWeeklySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  const { id, apiUrl } = githubProvider(settings);
  let session: vscode.AuthenticationSession | undefined;
  try {
    // Publishing is an explicit request: signing in may be offered here.
    session = await vscode.authentication.getSession(id, ['repo'], { createIfNone: true });
  } catch {
    session = undefined;
  }
  if (!session) {
    void vscode.window.showErrorMessage(
      'Cadence could not publish to GitHub: not signed in to GitHub in VS Code (Accounts menu). The draft is unchanged.',
    );
    return undefined;
  }
  const options: PublishOptions = {
    token: session.accessToken,
    apiUrl,
    timeZone: settings.timeZone || systemTimeZone(),
  };
  const model = current.draft ?? state.last?.draft ?? null;
  let what = args.repo ?? 'the repository';
  try {
    const repo =
      (args.repo && parseRepoName(args.repo)) ||
      (await pickRepo(publishRepos(model, settings.githubRepos, servedHost(apiUrl, draftHosts(model)))));
    if (!repo) return undefined;
    what = repo;
    const target = await pickTarget(options, repo, args);
    if (!target) return undefined;
    const { url } = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Cadence: publishing to ${repo} on GitHub…` },
      async () => (await github()).publishUpdate(options, target, markdown),
    );
    deps.log.info(`GitHub: published the weekly update as ${describeTarget(target)}: ${url}`);
    void vscode.window
      .showInformationMessage(`Cadence: published the weekly update as ${describeTarget(target)}.`, 'Open')
      .then((choice) => (choice ? vscode.env.openExternal(vscode.Uri.parse(url)) : undefined));
    return url;
  } catch (error) {
    const { publishFailure } = await github();
    const message = publishFailure(error, what, options.timeZone).message;
    deps.log.warn(`GitHub: publish failed: ${message}`);
    void vscode.window.showErrorMessage(`Cadence could not publish to GitHub: ${message}. The draft is unchanged.`);
    return undefined;
  }
}
