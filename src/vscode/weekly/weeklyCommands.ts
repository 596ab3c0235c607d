// The weekly commands' bodies, loaded on first use (see registerWeekly.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { systemTimeZone } from '../../node/timeZone';
import type { WeeklyDraft } from '../../core/weekly/model';
import { draftTitle, openDraft, type WeeklyState } from './draftEditor';
import { sinceWindow, type WeekOptions, weekWindow, WindowError } from '../../core/weekly/window';
import type { TimeWindow } from '../../core/weekly/model';
import { assembleDraft, resolveWindow, weekOptions, type WindowChoice } from '../../node/weekly/assemble';
import { GitError } from '../../node/git';
import { vscodeGitPath } from '../gitPath';
import { discoverRepos } from '../../node/weekly/repos';
import { lastUpdateEnd } from '../../node/weekly/updates';
import type { WeeklyDeps } from './deps';
import { announceGithub, githubForDraft } from './githubSession';
import { readWeeklySettings, type WeeklySettings } from './settings';
import { dutyThresholds } from '../../shared/docsSettings';
import { readDocsSettings } from '../docs/settings';
import { updatesFolder, workspaceRoot } from './updatesFolder';

/** What "Draft Weekly Update for…" offers (the CLI's windows too); tests pass one to skip the pick. */
export type DraftForChoice = WindowChoice;

/** What the draft command returns (for tests and other commands). */
export interface DraftResult {
  uri: string;
  draft: WeeklyDraft;
}

/** Options tests may pass as the command's first argument. */
interface DraftOverrides {
  now?: number;
  /** The user asked for GitHub ("Include GitHub", Retry): a sign-in may be offered. */
  github?: boolean;
}

function untrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(
    'Cadence: the weekly update runs git, so it is off in untrusted workspaces. Trust this workspace to draft it.',
  );
  return true;
}

async function windowFor(choice: DraftForChoice, now: number, settings: WeeklySettings): Promise<TimeWindow | null> {
  let week;
  try {
    week = weekOptions(settings, systemTimeZone());
  } catch {
    void vscode.window.showErrorMessage(
      `Cadence: unknown time zone '${settings.timeZone}' in cadence.weekly.timeZone — use an IANA name like Europe/Berlin.`,
    );
    return null;
  }
  const { window, notice } = await resolveWindow(choice, now, week, updatesFolder(settings) ?? null);
  if (notice) void vscode.window.showInformationMessage(`Cadence: ${notice}`);
  return window;
}

export async function draftWeekly(
  state: WeeklyState,
  deps: WeeklyDeps,
  choice: DraftForChoice,
  overrides?: unknown,
): Promise<DraftResult | undefined> {
  if (untrusted()) return undefined;
  const { now = Date.now(), github: ask = false } = (overrides as DraftOverrides | undefined) ?? {};
  const settings = readWeeklySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  let window: TimeWindow | null;
  try {
    window = await windowFor(choice, now, settings);
  } catch (error) {
    if (!(error instanceof WindowError)) throw error;
    void vscode.window.showErrorMessage(`Cadence: ${error.message}.`);
    return undefined;
  }
  if (!window) return undefined;
  const resolvedWindow = window;

  const root = workspaceRoot();
  const folders = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  const extra = settings.repos.map((repo) => (path.isAbsolute(repo) || !root ? repo : path.join(root, repo)));
  const git = vscodeGitPath();
  const started = Date.now();
  const github = await githubForDraft(settings, ask);

  let assembled;
  try {
    assembled = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Cadence: drafting the weekly update',
        cancellable: true,
      },
      async (progress, token) => {
        const abort = new AbortController();
        const subscription = token.onCancellationRequested(() => abort.abort());
        try {
          progress.report({ message: 'finding repositories…' });
          const found = await discoverRepos(folders, extra, settings.repoSearchDepth, {
            gitPath: git,
            signal: abort.signal,
          });
          for (const skipped of found.skipped.filter((p) => extra.includes(p))) {
            deps.log.warn(`weekly: ${skipped} (cadence.weekly.repos) is not a git repository; skipped`);
          }
          if (found.roots.length === 0) {
            void vscode.window.showInformationMessage(
              'Cadence: no git repository in this workspace — open a folder with one, or list repositories in cadence.weekly.repos.',
            );
            return undefined;
          }
          const focus = deps.focus ? await deps.focus(resolvedWindow, found.roots).catch(() => null) : null;
          const increment = 100 / found.roots.length;
          return await assembleDraft({
            roots: found.roots,
            window: resolvedWindow,
            now,
            settings,
            updatesFolder: updatesFolder(settings) ?? null,
            templateFile: settings.template
              ? path.isAbsolute(settings.template) || !root
                ? settings.template
                : path.join(root, settings.template)
              : null,
            // A relative template lies in the workspace (no link out of it); an absolute one is the user's.
            templateRoot: settings.template && !path.isAbsolute(settings.template) && root ? root : null,
            focus,
            // The duty's thresholds as the Guides view uses them (the CLI reads the repository's).
            dutySettings: () => dutyThresholds(readDocsSettings()),
            ...('request' in github ? { github: github.request } : { githubUnavailable: github.status }),
            gitPath: git,
            signal: abort.signal,
            onProgress: (done, total, name) => progress.report({ increment, message: `${done}/${total} ${name}` }),
          });
        } finally {
          subscription.dispose();
        }
      },
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return undefined; // cancelled: nothing to say
    if (error instanceof GitError) {
      void vscode.window.showErrorMessage(`Cadence: ${error.message}.`);
      return undefined;
    }
    throw error;
  }
  if (!assembled) return undefined;
  const { draft, markdown: text, templated } = assembled;
  for (const notice of assembled.notices) void vscode.window.showWarningMessage(`Cadence: ${notice}.`);
  // An untitled document: never overwrites a file; the user edits, copies or saves it.
  const document = await openDraft(draftTitle(draft.window), text);
  await vscode.window.showTextDocument(document, { preview: false });
  state.last = { draft, uri: document.uri.toString(), text, templated };
  announceGithub(draft, (again) => void draftWeekly(state, deps, choice, { github: again }));
  deps.log.info(
    `weekly: drafted ${draft.window.id} from ${draft.repos.length} repositories in ${Date.now() - started} ms (${draft.shipped.length} shipped)`,
  );
  if (draft.identities.length === 0) {
    void vscode.window.showWarningMessage(
      'Cadence: no author to count — set git user.email or cadence.weekly.authorEmails, then draft again.',
    );
  }
  return { uri: document.uri.toString(), draft };
}

export async function draftWeeklyFor(
  state: WeeklyState,
  deps: WeeklyDeps,
  choice?: DraftForChoice,
): Promise<DraftResult | undefined> {
  if (untrusted()) return undefined;
  const chosen = choice ?? (await pickWindow());
  return chosen ? draftWeekly(state, deps, chosen) : undefined;
}

/** "Mon 16 – Sun 22 Nov 2026": a week window's dates, as its heading writes them. */
function datesOf(window: TimeWindow): string {
  return window.label.split(' · ')[1] ?? window.label;
}

async function pickWindow(): Promise<DraftForChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice?: DraftForChoice };
  const settings = readWeeklySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  let week: WeekOptions | null = null;
  try {
    week = weekOptions(settings, systemTimeZone());
  } catch {
    // An unknown zone: the pick shows no dates; drafting reports the setting.
  }
  const now = Date.now();
  const folder = updatesFolder(settings);
  const lastEnd = week && folder ? await lastUpdateEnd(folder, week).catch(() => null) : null;
  const items: Item[] = [
    { label: 'This week', description: week ? datesOf(weekWindow(now, week)) : '', choice: { kind: 'thisWeek' } },
    { label: 'Last week', description: week ? datesOf(weekWindow(now, week, -1)) : '', choice: { kind: 'lastWeek' } },
    {
      label: 'Since my last update',
      description:
        lastEnd !== null && week
          ? sinceWindow(lastEnd, now, week.timeZone).label.split(' · ')[0]
          : 'no saved update yet',
      choice: { kind: 'sinceLastUpdate' },
    },
    { label: 'Custom range…', description: 'two dates, both included' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Draft Weekly Update for…' });
  if (!picked) return undefined;
  if (picked.choice) return picked.choice;
  const range = await vscode.window.showInputBox({
    title: 'Custom range',
    prompt: 'First and last day, both included',
    placeHolder: '2026-11-16 2026-11-25',
    validateInput: (value) =>
      /^\s*\d{4}-\d{2}-\d{2}\s*(?:\.\.|to|–|-|\s)\s*\d{4}-\d{2}-\d{2}\s*$/.test(value)
        ? undefined
        : 'Two dates like 2026-11-16 2026-11-25',
  });
  if (!range) return undefined;
  const [since = '', until = ''] = range.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  return { kind: 'range', since, until };
}
