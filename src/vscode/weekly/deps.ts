import type * as vscode from 'vscode';
import type { FocusSummary } from '../../core/weekly/model';

/**
 * What the weekly feature needs from the rest of the extension. A module of its own: the commands
 * and the draft editor read it without importing registerWeekly.ts, which loads them.
 */
export interface WeeklyDeps {
  log: vscode.LogOutputChannel;
  /**
   * Focus history for a window, counting only blocks run in these repositories (the focus feature
   * plugs in here: FocusApi.summary); null when there is none.
   */
  focus?: (window: { start: number; end: number }, repos: readonly string[]) => Promise<FocusSummary | null>;
}
