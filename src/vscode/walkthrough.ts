// The "Get started with Cadence" walkthrough ticks a step when the user has done the thing, by any
// path (status bar, keybinding, palette, the walkthrough's own link, another window's block).
//
// Why not only `completionEvents`: the workbench's walkthrough service is created lazily (when the
// Welcome page or a walkthrough first opens). Events before that are never seen, and an `onContext:`
// expression that is already true when the service starts is recorded as "seen" without ticking the
// step. So each step's context key (`onContext:cadence.walkthrough.<step>`) is set as it happens —
// which ticks the step when the service is running — and the step is also marked complete through
// the workbench's `welcome.markStepComplete` command, which creates the service if needed and
// stores the tick in its progress, so it shows whenever the walkthrough is opened later.
import * as vscode from 'vscode';
import { DRAFT_TITLE, EXTENSION_ID, WALKTHROUGH } from '../shared/ids';

export type WalkthroughStep = (typeof WALKTHROUGH.steps)[number];

/** The context key a step's `onContext:` completion event waits for. */
export function walkthroughContextKey(step: WalkthroughStep): string {
  return `cadence.walkthrough.${step}`;
}

/** The workbench's id of a step: `<extension id>#<walkthrough id>#<step id>`. */
export function walkthroughStepId(step: WalkthroughStep): string {
  return `${EXTENSION_ID}#${WALKTHROUGH.id}#${step}`;
}

/** The command the workbench's walkthrough service registers (not part of the public API). */
const MARK_STEP_COMPLETE = 'welcome.markStepComplete';

export class Walkthrough {
  private readonly done = new Set<WalkthroughStep>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Ticks `step` (once per window session; the workbench keeps the tick across sessions). */
  complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', walkthroughContextKey(step), true);
    void Promise.resolve(vscode.commands.executeCommand(MARK_STEP_COMPLETE, walkthroughStepId(step))).catch(
      (error: unknown) =>
        // Editors without VS Code's walkthroughs (or a renamed command): the context key still ticks.
        this.log.debug(
          `Walkthrough: ${MARK_STEP_COMPLETE} ${step}: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }
}

/** Ticks the steps as the user does them: a focus block starts, a draft opens, the sidebar shows. */
export function registerWalkthrough(
  context: vscode.ExtensionContext,
  deps: {
    log: vscode.LogOutputChannel;
    focus: { timer(): { phase: string }; onDidChange: vscode.Event<{ phase: string }> };
    docs: { onDidShow(listener: () => void): vscode.Disposable };
  },
): Walkthrough {
  const walkthrough = new Walkthrough(deps.log);
  const focusRunning = (timer: { phase: string }) => timer.phase !== 'idle' && walkthrough.complete('focus');
  const draftShown = (editor: vscode.TextEditor | undefined) => {
    const document = editor?.document;
    if (document?.isUntitled && document.uri.path.startsWith(DRAFT_TITLE)) walkthrough.complete('weekly');
  };
  context.subscriptions.push(
    deps.focus.onDidChange(focusRunning),
    vscode.window.onDidChangeActiveTextEditor(draftShown),
    deps.docs.onDidShow(() => walkthrough.complete('decisions')),
  );
  return walkthrough;
}
