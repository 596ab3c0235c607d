import * as vscode from 'vscode';
import { parseClock, parseSchedule, type ScheduleEntry } from '../../core/focus/schedule';
import { FOCUS_SETTINGS } from '../../core/focus/settings';
import { readTable } from '../../core/settings';

/** Every `cadence.focus.*` setting, read once per use through this one typed reader. */
export interface FocusSettings {
  blockMinutes: number;
  breakMinutes: number;
  breaks: boolean;
  autoStart: boolean;
  askLength: boolean;
  doNotDisturb: boolean;
  schedule: ScheduleEntry[];
  /** One line per unusable schedule entry, for the log. */
  scheduleErrors: string[];
  autoStartScheduled: boolean;
  onStart: string[];
  onEnd: string[];
  /** Minutes after midnight, or undefined when off (or unreadable). */
  workdayEnd: number | undefined;
}

export function readFocusSettings(): FocusSettings {
  const config = vscode.workspace.getConfiguration('cadence.focus');
  const raw = readTable(FOCUS_SETTINGS, (name) => config.get(name));
  const { entries, errors } = parseSchedule(raw.schedule);
  return {
    ...raw,
    schedule: entries,
    scheduleErrors: errors,
    // Hooks run commands: never from an untrusted workspace's settings (VS Code already ignores
    // workspace values of restricted settings there; this also covers the user's own list).
    onStart: vscode.workspace.isTrusted ? raw.onStart : [],
    onEnd: vscode.workspace.isTrusted ? raw.onEnd : [],
    workdayEnd: raw.workdayEnd ? parseClock(raw.workdayEnd) : undefined,
  };
}
