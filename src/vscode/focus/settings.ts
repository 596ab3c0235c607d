import * as vscode from 'vscode';
import { parseClock, parseSchedule, type ScheduleEntry } from '../../core/focus/schedule';
import { clampMinutes } from '../../core/focus/timer';

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

function commandList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export function readFocusSettings(): FocusSettings {
  const config = vscode.workspace.getConfiguration('cadence.focus');
  const { entries, errors } = parseSchedule(config.get<unknown>('schedule', []));
  const workdayEnd = config.get<string>('workdayEnd', '');
  return {
    blockMinutes: clampMinutes(config.get<number>('blockMinutes', 50)),
    breakMinutes: clampMinutes(config.get<number>('breakMinutes', 10)),
    breaks: config.get<boolean>('breaks', true),
    autoStart: config.get<boolean>('autoStart', false),
    askLength: config.get<boolean>('askLength', true),
    doNotDisturb: config.get<boolean>('doNotDisturb', false),
    schedule: entries,
    scheduleErrors: errors,
    autoStartScheduled: config.get<boolean>('autoStartScheduled', false),
    // Hooks run commands: never from an untrusted workspace's settings (VS Code already ignores
    // workspace values of restricted settings there; this also covers the user's own list).
    onStart: vscode.workspace.isTrusted ? commandList(config.get('onStart')) : [],
    onEnd: vscode.workspace.isTrusted ? commandList(config.get('onEnd')) : [],
    workdayEnd: workdayEnd ? parseClock(workdayEnd) : undefined,
  };
}
