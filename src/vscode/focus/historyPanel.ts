// The Focus History webview: one panel per window, re-rendered when a block is recorded.
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import { historyWeek, renderHistoryHtml } from '../../core/focus/historyView';
import { readFocusHistory } from '../../node/focus/historyFile';
import { FOCUS_HISTORY_VIEW } from '../../shared/ids';
import { errorText, randomId } from './focusSession';

export class HistoryPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelListener: vscode.Disposable | undefined;

  constructor(
    private readonly historyFile: string,
    private readonly clock: Clock,
    private readonly zone: () => string,
  ) {}

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(FOCUS_HISTORY_VIEW, 'Focus History', vscode.ViewColumn.Active, {
        enableScripts: false,
        localResourceRoots: [],
      });
      this.panel = panel;
      // One listener per panel, gone with it (not one more per open kept until the window closes).
      this.panelListener = panel.onDidDispose(() => {
        this.panel = undefined;
        this.panelListener?.dispose();
        this.panelListener = undefined;
      });
    }
    await this.render(this.panel);
  }

  /** Re-renders the panel if it is open. */
  async refresh(): Promise<void> {
    if (this.panel) await this.render(this.panel);
  }

  private async render(panel: vscode.WebviewPanel): Promise<void> {
    const records = await readFocusHistory(this.historyFile).catch((error: unknown) => {
      void vscode.window.showErrorMessage(`Cadence could not read ${this.historyFile}: ${errorText(error)}`);
      return [];
    });
    panel.webview.html = renderHistoryHtml(historyWeek(records, this.clock.now(), this.zone()), {
      zone: this.zone(),
      nonce: randomId(24),
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.panelListener?.dispose();
  }
}
