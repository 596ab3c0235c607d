// Slack in the editor: Connect / Disconnect / Post Weekly Update, and the Slack side of focus blocks.
// Only this wiring loads at activation; the client (@slack/web-api) and the commands are imported on
// first use from their own chunk (slackCommands.ts → dist/slack.js).
import * as vscode from 'vscode';
import type { FocusStore } from '../../node/slack/focusSlack';
import { Commands, SLACK_SECRETS } from '../../shared/ids';
import { readSlackSettings, type SlackSettings } from './settings';

export interface SlackDeps {
  log: vscode.LogOutputChannel;
}

/** What the extension's API exposes about Slack (tests use it). */
export interface SlackFeatureApi {
  /** Checks and stores a token as "Cadence: Connect Slack" does, without the input box. */
  connect(token: string): Promise<string | undefined>;
}

/** The Slack side of focus blocks for one focus session (src/node/slack/focusSlack.ts). */
export interface SlackFocusFollower {
  reconcile(): Promise<void>;
  dispose(): void;
}

export interface SlackFeature {
  /** The Slack side of focus blocks, for one focus session: loaded only once Slack has work to do. */
  focusEffects(store: FocusStore): SlackFocusFollower;
  api: SlackFeatureApi;
}

export function registerSlack(context: vscode.ExtensionContext, deps: SlackDeps): SlackFeature {
  const commands = () => import('./slackCommands');
  const commandDeps = { context, log: deps.log };
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.slackConnect, async () => (await commands()).connectSlack(commandDeps)),
    vscode.commands.registerCommand(Commands.slackDisconnect, async () => {
      await context.secrets.delete(SLACK_SECRETS.token);
      await context.secrets.delete(SLACK_SECRETS.webhookUrl);
      deps.log.info('Slack: disconnected');
      void vscode.window.showInformationMessage(
        'Cadence: Slack disconnected — the token and webhook URL are removed from this machine. Revoke the token in the Slack app too if it should stop working everywhere.',
      );
    }),
    vscode.commands.registerCommand(Commands.slackPostWeekly, async (args?: { channel?: unknown }) =>
      (await commands()).postWeeklyToSlack(commandDeps, args),
    ),
  );
  let settings: SlackSettings | undefined;
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cadence.slack')) settings = undefined;
    }),
  );
  const current = () => (settings ??= readSlackSettings());
  return {
    focusEffects: (store) => {
      let follower: SlackFocusFollower | undefined;
      let disposed = false;
      return {
        async reconcile() {
          if (!follower) {
            // Nothing to do (Slack off, nothing of ours left to undo): the client is never loaded.
            const pending = store.shared.journal.some((e) => e.kind === 'slack' && e.undoneAt === undefined);
            if (current().focus === 'off' && !pending) return;
            follower ??= (await commands()).slackFocus(store, {
              settings: () => ({
                mode: current().focus,
                statusText: current().statusText,
                statusEmoji: current().statusEmoji,
              }),
              connect: async () => {
                const token = await context.secrets.get(SLACK_SECRETS.token);
                return token ? (await commands()).slackClient(token) : undefined;
              },
              log: deps.log,
              notify: (message) => void vscode.window.showWarningMessage(message),
            });
            if (disposed) follower.dispose();
          }
          if (!disposed) await follower.reconcile();
        },
        dispose() {
          disposed = true;
          follower?.dispose();
        },
      };
    },
    api: { connect: async (token) => (await commands()).connectSlack(commandDeps, token) },
  };
}
