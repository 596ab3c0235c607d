// The rows of the sidebar's Focus view: what runs now (or how to start), the schedule's next block,
// and today's blocks. Pure: the adapter passes the clock, the history and a clock-time formatter.
import type { FocusBlockRecord } from './history';
import type { ScheduledWindow } from './schedule';
import { formatRemaining, minutesLeft, remainingMs, type FocusState } from './timer';

export interface FocusRow {
  id: string;
  label: string;
  description?: string;
  /** Read by screen readers instead of label + description. */
  accessibleLabel: string;
  icon: string;
  /** Command id run on click. */
  command?: string;
  commandArgs?: unknown[];
  children?: FocusRow[];
}

export interface FocusViewInput {
  timer: FocusState;
  now: number;
  blockMinutes: number;
  next: ScheduledWindow | undefined;
  /** Blocks that ended today (any order). */
  today: readonly FocusBlockRecord[];
  /** A clock time in the user's locale ("11:00"). */
  time(at: number): string;
  /** A day and time when it is not today ("Tue 09:00"). */
  when(at: number): string;
}

function nowRow(input: FocusViewInput): FocusRow {
  const { timer, now } = input;
  const left = remainingMs(timer, now);
  switch (timer.phase) {
    case 'idle':
      return {
        id: 'now',
        label: 'Start a focus block',
        description: `${input.blockMinutes} minutes`,
        accessibleLabel: `Start a ${input.blockMinutes}-minute focus block`,
        icon: 'watch',
        command: 'cadence.focus.start',
      };
    case 'paused': {
      const what = timer.pausedFrom === 'break' ? 'Break' : 'Focus block';
      return {
        id: 'now',
        label: `${what} paused`,
        description: `${formatRemaining(left)} left`,
        accessibleLabel: `${what} paused, ${minutesLeft(left)} left. Resume`,
        icon: 'debug-pause',
        command: 'cadence.focus.resume',
      };
    }
    default: {
      const what = timer.phase === 'break' ? 'Break' : 'Focus block';
      const ends = input.time(timer.endsAt ?? now);
      return {
        id: 'now',
        label: what,
        description: `ends at ${ends}`,
        accessibleLabel: `${what}, ${minutesLeft(left)} left, ends at ${ends}`,
        icon: timer.phase === 'break' ? 'coffee' : 'watch',
        command: 'cadence.focus.actions',
      };
    }
  }
}

function nextRow(input: FocusViewInput): FocusRow {
  const { next } = input;
  if (!next) {
    return {
      id: 'next',
      label: 'No schedule',
      description: 'set cadence.focus.schedule',
      accessibleLabel: 'No focus schedule. Open the cadence.focus.schedule setting',
      icon: 'calendar',
      command: 'workbench.action.openSettings',
      commandArgs: ['cadence.focus.schedule'],
    };
  }
  const running = next.start <= input.now;
  const description = running ? `now, until ${input.time(next.end)}` : input.when(next.start);
  return {
    id: 'next',
    label: 'Next scheduled block',
    description,
    accessibleLabel: `Next scheduled block: ${description} (${next.label})`,
    icon: 'calendar',
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2h 30m" (short form) and "2 hours 30 minutes" (words), as CONTRIBUTING.md's vocabulary says. */
export function durations(minutes: number): { short: string; words: string } {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return { short: `${m}m`, words: plural(m, 'minute') };
  return {
    short: `${h}h${m ? ` ${m}m` : ''}`,
    words: `${plural(h, 'hour')}${m ? ` ${plural(m, 'minute')}` : ''}`,
  };
}

function todayRow(input: FocusViewInput): FocusRow {
  const blocks = [...input.today].sort((a, b) => a.startedAt - b.startedAt);
  if (blocks.length === 0) {
    return {
      id: 'today',
      label: 'Today',
      description: 'no blocks yet',
      accessibleLabel: 'Today: no focus blocks yet',
      icon: 'history',
    };
  }
  const spent = durations(blocks.reduce((sum, b) => sum + b.actualMinutes, 0));
  const count = plural(blocks.length, 'block');
  return {
    id: 'today',
    label: 'Today',
    description: `${count}, ${spent.short}`,
    accessibleLabel: `Today: ${count}, ${spent.words}`,
    icon: 'history',
    command: 'cadence.focus.showHistory',
    children: blocks.map((b) => {
      const span = `${input.time(b.startedAt)}–${input.time(b.endedAt)}`;
      const branch = b.branchAtEnd ?? b.branchAtStart;
      const length = durations(b.actualMinutes);
      return {
        id: `block-${b.id}`,
        label: span,
        description: [length.short, branch].filter(Boolean).join(' · '),
        accessibleLabel: `Focus block ${span}, ${length.words}${branch ? `, on ${branch}` : ''}${b.completed ? '' : ', stopped early'}`,
        icon: b.completed ? 'pass' : 'circle-slash',
      };
    }),
  };
}

export function focusViewRows(input: FocusViewInput): FocusRow[] {
  return [nowRow(input), nextRow(input), todayRow(input)];
}
