// The focus commands. Buttons (tooltip links, the actions quick pick) pass what they were drawn
// for (`expect`); if the timer moved on meanwhile — another window stopped the block — the click
// does nothing and says so, instead of pausing or stopping whatever runs now.
import * as vscode from 'vscode';
import {
  effectivePhase,
  expectationOf,
  formatRemaining,
  remainingMs,
  type Expectation,
  type FocusEvent,
  type Transition,
} from '../../core/focus/timer';
import { Commands } from '../../shared/ids';
import type { FocusSession } from './focusSession';
import type { FocusSettings } from './settings';

const PRESETS = [25, 50, 90, 120];

type StartArgs = number | { minutes?: number; ask?: boolean } | undefined;
/** What tooltip links pass: `{ expect }` (palette and keybindings pass nothing). */
type ClickArgs = { expect?: Expectation } | undefined;

export interface FocusCommandDeps {
  session: FocusSession;
  settings: () => FocusSettings;
  startBlock(minutes: number): Promise<void>;
  showHistory(): Promise<void>;
}

function expectOf(args: unknown): Expectation | undefined {
  const expect = (args as ClickArgs)?.expect;
  return expect && typeof expect === 'object' && typeof expect.phase === 'string' ? expect : undefined;
}

export function registerFocusCommands(deps: FocusCommandDeps): vscode.Disposable[] {
  const { session } = deps;

  /** Dispatches a click; a conflict (the timer moved on) is said, a storage failure reported. */
  const click = (event: FocusEvent): Promise<Transition | undefined> =>
    session.guard(async () => {
      const transition = await session.dispatch(event);
      if (transition.conflict) {
        void vscode.window.showInformationMessage(
          'expect' in event && event.expect?.blockId !== undefined
            ? 'Cadence: That block already ended.'
            : 'Cadence: the timer changed in another window; nothing was done.',
        );
      }
      return transition;
    });
  const withExpect = <E extends FocusEvent>(event: E, expect: Expectation | undefined): E =>
    expect ? { ...event, expect } : event;

  async function askLength(): Promise<number | undefined> {
    const fallback = deps.settings().blockMinutes;
    const lengths = [fallback, ...PRESETS.filter((m) => m !== fallback)];
    const pick = await vscode.window.showQuickPick(
      lengths.map((m) => ({ label: `${m} minutes`, description: m === fallback ? 'default' : undefined, minutes: m })),
      { title: 'Start Focus Block', placeHolder: 'How long?' },
    );
    return pick?.minutes;
  }

  async function start(args: StartArgs): Promise<void> {
    if (effectivePhase(session.shared.timer) === 'focus') return showActions();
    let minutes = typeof args === 'number' ? args : args?.minutes;
    const ask = typeof args === 'object' && args.ask !== undefined ? args.ask : deps.settings().askLength;
    if (minutes === undefined && ask) {
      minutes = await askLength();
      if (minutes === undefined) return;
    }
    const length = minutes ?? deps.settings().blockMinutes;
    await session.guard(() => deps.startBlock(length));
  }

  async function extend(minutes: unknown, args: unknown): Promise<void> {
    if (effectivePhase(session.shared.timer) === 'idle') {
      void vscode.window.showInformationMessage('Cadence: no focus block is running. Start one first.');
      return;
    }
    const expect = expectOf(args) ?? expectationOf(session.shared.timer);
    let amount = typeof minutes === 'number' ? minutes : undefined;
    if (amount === undefined) {
      const pick = await vscode.window.showQuickPick(
        [5, 15, 30].map((m) => ({ label: `+${m} minutes`, minutes: m })),
        { title: 'Extend Focus Block' },
      );
      if (!pick) return;
      amount = pick.minutes;
    }
    await click({ type: 'extend', minutes: amount, expect });
  }

  async function showActions(): Promise<void> {
    const timer = session.shared.timer;
    const phase = effectivePhase(timer);
    if (phase === 'idle') return start({ ask: false });
    // The pick may stay open while another window changes the timer: every action carries what it saw.
    const expect = expectationOf(timer);
    type Action = vscode.QuickPickItem & { run: () => Promise<unknown> };
    const actions: Action[] = [];
    if (timer.phase === 'paused')
      actions.push({ label: '$(debug-start) Resume', run: () => click({ type: 'resume', expect }) });
    else actions.push({ label: '$(debug-pause) Pause', run: () => click({ type: 'pause', expect }) });
    actions.push(
      { label: '$(add) +5 minutes', run: () => click({ type: 'extend', minutes: 5, expect }) },
      { label: '$(add) +15 minutes', run: () => click({ type: 'extend', minutes: 15, expect }) },
    );
    // A break is skipped (ending it is all "stop" would do): one action, one word for it.
    if (phase === 'break')
      actions.push({ label: '$(debug-step-over) Skip break', run: () => click({ type: 'skipBreak', expect }) });
    else actions.push({ label: '$(debug-stop) Stop focus block', run: () => click({ type: 'stop', expect }) });
    actions.push({ label: '$(graph) Show focus history', run: () => deps.showHistory() });
    const pick = await vscode.window.showQuickPick(actions, {
      title: `Focus: ${formatRemaining(remainingMs(timer, session.clock.now()))} left`,
    });
    await pick?.run();
  }

  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  return [
    command(Commands.focusStart, (args: StartArgs) => start(args)),
    command(Commands.focusPause, (args: unknown) => click(withExpect({ type: 'pause' }, expectOf(args)))),
    command(Commands.focusResume, (args: unknown) => click(withExpect({ type: 'resume' }, expectOf(args)))),
    command(Commands.focusExtend, (minutes: unknown, args: unknown) => extend(minutes, args)),
    command(Commands.focusStop, (args: unknown) => click(withExpect({ type: 'stop' }, expectOf(args)))),
    command(Commands.focusSkipBreak, (args: unknown) => click(withExpect({ type: 'skipBreak' }, expectOf(args)))),
    command(Commands.focusActions, () => showActions()),
    command(Commands.focusShowHistory, () => deps.showHistory()),
  ];
}
