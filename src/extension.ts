// Composition root: build the shared dependencies, register each feature, nothing else. Keep this
// file small and cheap: activation runs on every VS Code start (onStartupFinished).
import type * as vscode from 'vscode';
import type { FocusRow } from './core/focus/focusView';
import { useGitPath } from './node/git';
import { type DocsApi, registerDocs } from './vscode/docs/registerDocs';
import { type DutyApi, registerDuty } from './vscode/duty/registerDuty';
import { registerFocusView } from './vscode/focus/focusView';
import { registerFocus, type FocusApi } from './vscode/focus/registerFocus';
import { vscodeGitPath } from './vscode/gitPath';
import { registerLog } from './vscode/log';
import { registerSlack, type SlackFeatureApi } from './vscode/slack/registerSlack';
import { registerWalkthrough } from './vscode/walkthrough';
import { registerWeekly } from './vscode/weekly/registerWeekly';

/** What `activate` returns: read by the tests and the activation benchmark. */
export interface CadenceApi {
  /** Milliseconds spent in `activate` (module loading excluded). */
  activationMs: number;
  /** Focus blocks: storage paths and test hooks (see src/vscode/focus/registerFocus.ts). */
  focus: FocusApi;
  /** The sidebar's Focus view as rows (what it shows, for tests). */
  focusView(): Promise<FocusRow[]>;
  /** Decision records and runbooks (tree contents for tests). */
  docs: DocsApi;
  /** Documentation duty: guides, whose turn, the checklist. */
  duty: DutyApi;
  /** Slack connection (tests connect without the input box). */
  slack: SlackFeatureApi;
}

export function activate(context: vscode.ExtensionContext): CadenceApi {
  const started = performance.now();
  useGitPath(vscodeGitPath);
  const log = registerLog(context);
  const docs = registerDocs(context, { log });
  const duty = registerDuty(context, { log });
  const slack = registerSlack(context, { log });
  const focus = registerFocus(context, { log, effects: (session) => slack.focusEffects(session) });
  registerWeekly(context, { log, focus: focus.summary });
  registerWalkthrough(context, { log, focus, docs });
  const focusView = registerFocusView(context, focus);
  const activationMs = performance.now() - started;
  log.info(`Cadence ${String(context.extension.packageJSON.version)} activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, focus, focusView: () => focusView.rows(), docs, duty, slack: slack.api };
}

export function deactivate(): void {
  // Every registration lives in context.subscriptions, which VS Code disposes.
}
