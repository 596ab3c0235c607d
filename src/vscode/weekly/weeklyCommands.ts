// The weekly commands' bodies, loaded on first use (see registerWeekly.ts).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { WeeklyDraft } from '../../core/weekly/model';
import { shareable } from '../../core/weekly/share';
import { weekWindow, WindowError } from '../../core/weekly/window';
import type { TimeWindow } from '../../core/weekly/model';
import {
  assembleDraft,
  resolveWindow,
  updatesFolderOf,
  weekOptions,
  type WindowChoice,
} from '../../node/weekly/assemble';
import { GitError } from '../../node/git';
import { vscodeGitPath } from '../gitPath';
import { discoverRepos } from '../../node/weekly/repos';
import { saveUpdate } from '../../node/weekly/updates';
import type { WeeklyDeps } from './registerWeekly';
import { readWeeklySettings, type WeeklySettings } from './settings';

/** The last draft this window opened: copy and save use its model while its text is unedited. */
export interface WeeklyState {
  last: { draft: WeeklyDraft; uri: string; text: string; templated: boolean } | null;
}

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
}

function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;
}

function updatesFolder(settings: WeeklySettings): string | undefined {
  return updatesFolderOf(settings, workspaceRoot()) ?? undefined;
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
    week = weekOptions(settings, systemZone());
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
  const now = (overrides as DraftOverrides | undefined)?.now ?? Date.now();
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
          const focus = deps.focus ? await deps.focus(resolvedWindow).catch(() => null) : null;
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
            focus,
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
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  state.last = { draft, uri: document.uri.toString(), text, templated };
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

async function pickWindow(): Promise<DraftForChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice?: DraftForChoice };
  const items: Item[] = [
    { label: 'This week', choice: { kind: 'thisWeek' } },
    { label: 'Last week', choice: { kind: 'lastWeek' } },
    {
      label: 'Since my last update',
      description: 'from the newest saved update',
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

/** The last draft's model, when its text is the built-in layout (a template's text is the user's). */
function modelOf(state: WeeklyState): WeeklyDraft | null {
  return state.last && !state.last.templated ? state.last.draft : null;
}

/**
 * The text to copy or save: the active Markdown editor (for saving, only an untitled one — an edited
 * draft — so "Save" never copies some other file into the updates folder), else the last draft.
 */
function currentText(
  state: WeeklyState,
  purpose: 'copy' | 'save' = 'copy',
): { text: string; draft: WeeklyDraft | null } | null {
  const document = vscode.window.activeTextEditor?.document;
  const usable =
    document?.languageId === 'markdown' &&
    (purpose === 'copy' || document.isUntitled || document.uri.toString() === state.last?.uri);
  if (document && usable) {
    const text = document.getText();
    const unedited = state.last && state.last.uri === document.uri.toString() && state.last.text === text;
    return { text, draft: unedited ? modelOf(state) : null };
  }
  if (state.last) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === state.last!.uri);
    const text = open ? open.getText() : state.last.text;
    return { text, draft: text === state.last.text ? modelOf(state) : null };
  }
  return null;
}

export async function copyWeekly(state: WeeklyState, format: 'slack' | 'text'): Promise<string | undefined> {
  const current = currentText(state);
  if (!current) {
    void vscode.window.showInformationMessage(
      'Cadence: no weekly draft open — run "Cadence: Draft Weekly Update" first.',
    );
    return undefined;
  }
  // Unedited: render from the model; edited: convert the user's Markdown, keeping their changes.
  // Either way without the prompts and the footer, which are for the author only.
  const text = shareable(current.draft ?? current.text, format);
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(
    `Cadence: copied the weekly update as ${format === 'slack' ? 'Slack mrkdwn' : 'plain text'}.`,
  );
  return text;
}

export async function saveWeekly(state: WeeklyState, deps: WeeklyDeps): Promise<string | undefined> {
  const current = currentText(state, 'save');
  if (!current) {
    void vscode.window.showInformationMessage(
      'Cadence: no weekly draft open — run "Cadence: Draft Weekly Update" first.',
    );
    return undefined;
  }
  const settings = readWeeklySettings(vscode.workspace.workspaceFolders?.[0]?.uri);
  const folder = updatesFolder(settings);
  if (!folder) {
    void vscode.window.showErrorMessage(
      'Cadence: open a folder first — updates are saved in its cadence.weekly.folder.',
    );
    return undefined;
  }
  const id =
    current.draft?.window.id ??
    state.last?.draft.window.id ??
    weekWindow(Date.now(), weekOptions(settings, systemZone())).id;
  // Never overwrites: 2026-W47.md exists → 2026-W47-2.md, and the message says which.
  // Saved as it is sent (no prompts, no footer): the saved update is the record of what went out.
  const file = await saveUpdate(folder, id, shareable(current.draft ?? current.text, 'markdown'));
  deps.log.info(`weekly: saved ${file}`);
  const open = 'Open';
  void vscode.window
    .showInformationMessage(
      `Cadence: saved the weekly update to ${path.relative(workspaceRoot() ?? '', file) || file}.`,
      open,
    )
    .then(async (answer) => {
      if (answer === open) await vscode.window.showTextDocument(vscode.Uri.file(file));
    });
  return file;
}
