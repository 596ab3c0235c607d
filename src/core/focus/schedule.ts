// Scheduled focus windows ("Mon-Fri 09:00-11:00") in the user's time zone. Wall-clock times are
// resolved per calendar day with @date-fns/tz, so a window keeps its local start and end across a
// daylight-saving change (a 09:00 block stays at 09:00, and its length in real time may change
// only when the change happens inside the window).
import { TZDate } from '@date-fns/tz';

/** A setting entry as the user writes it. */
export interface ScheduleSetting {
  days: string;
  start: string;
  end: string;
}

/** A parsed entry: weekdays 0 (Sunday) to 6, times as minutes after local midnight. */
export interface ScheduleEntry {
  days: ReadonlySet<number>;
  startMinute: number;
  endMinute: number;
  /** The entry as written, for messages. */
  label: string;
}

/** One concrete occurrence of a scheduled window, in epoch ms (end exclusive). */
export interface ScheduledWindow {
  start: number;
  end: number;
  label: string;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function dayIndex(name: string): number | undefined {
  const index = DAY_NAMES.indexOf(name.trim().toLowerCase().slice(0, 3));
  return index >= 0 && /^[a-z]{3,9}$/i.test(name.trim()) ? index : undefined;
}

/** "Mon-Fri", "Mon,Wed,Fri", "Sat-Sun", "Fri-Mon" (wraps), "Daily"/"*". */
export function parseDays(text: string): Set<number> | undefined {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '*' || trimmed === 'daily' || trimmed === 'every day') return new Set([0, 1, 2, 3, 4, 5, 6]);
  if (trimmed === 'weekdays') return new Set([1, 2, 3, 4, 5]);
  if (trimmed === 'weekends') return new Set([0, 6]);
  const days = new Set<number>();
  for (const part of trimmed.split(',')) {
    const range = part.split('-');
    if (range.length === 1) {
      const day = dayIndex(range[0]!);
      if (day === undefined) return undefined;
      days.add(day);
    } else if (range.length === 2) {
      const from = dayIndex(range[0]!);
      const to = dayIndex(range[1]!);
      if (from === undefined || to === undefined) return undefined;
      for (let day = from; ; day = (day + 1) % 7) {
        days.add(day);
        if (day === to) break;
      }
    } else {
      return undefined;
    }
  }
  return days.size > 0 ? days : undefined;
}

/** "HH:MM" (24 h) as minutes after midnight; "24:00" is the end of the day. */
export function parseClock(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}

/** Parses the schedule setting; bad entries are reported (one line each) and skipped. */
export function parseSchedule(raw: unknown): { entries: ScheduleEntry[]; errors: string[] } {
  const entries: ScheduleEntry[] = [];
  const errors: string[] = [];
  if (!Array.isArray(raw))
    return { entries, errors: raw === undefined ? [] : ['cadence.focus.schedule must be a list'] };
  raw.forEach((item: unknown, index) => {
    const entry = item as Partial<ScheduleSetting> | null;
    const where = `cadence.focus.schedule[${index}]`;
    if (typeof entry !== 'object' || entry === null) {
      errors.push(`${where} must be an object like {"days":"Mon-Fri","start":"09:00","end":"11:00"}`);
      return;
    }
    const days = typeof entry.days === 'string' ? parseDays(entry.days) : undefined;
    const start = typeof entry.start === 'string' ? parseClock(entry.start) : undefined;
    const end = typeof entry.end === 'string' ? parseClock(entry.end) : undefined;
    if (!days) errors.push(`${where}.days "${String(entry.days)}" is not like "Mon-Fri" or "Mon,Wed"`);
    else if (start === undefined || end === undefined) errors.push(`${where} start and end must be "HH:MM" (24-hour)`);
    else if (end <= start) errors.push(`${where} ends (${entry.end}) before it starts (${entry.start})`);
    else entries.push({ days, startMinute: start, endMinute: end, label: `${entry.days} ${entry.start}–${entry.end}` });
  });
  return { entries, errors };
}

/** Epoch ms of a wall-clock time on the calendar day `dayOffset` days after `now`'s day in `zone`. */
function wallTime(now: number, zone: string, dayOffset: number, minuteOfDay: number): TZDate {
  const today = new TZDate(now, zone);
  return new TZDate(
    today.getFullYear(),
    today.getMonth(),
    today.getDate() + dayOffset,
    Math.floor(minuteOfDay / 60),
    minuteOfDay % 60,
    zone,
  );
}

/** Every occurrence starting from yesterday up to `days` days ahead, sorted by start. */
export function occurrences(entries: readonly ScheduleEntry[], now: number, zone: string, days = 8): ScheduledWindow[] {
  const windows: ScheduledWindow[] = [];
  for (let offset = -1; offset <= days; offset++) {
    const weekday = wallTime(now, zone, offset, 12 * 60).getDay();
    for (const entry of entries) {
      if (!entry.days.has(weekday)) continue;
      const start = wallTime(now, zone, offset, entry.startMinute).getTime();
      const end = wallTime(now, zone, offset, entry.endMinute).getTime();
      if (end > start) windows.push({ start, end, label: entry.label });
    }
  }
  return windows.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The scheduled window `now` falls in, if any (the one ending last when they overlap). */
export function activeWindow(
  entries: readonly ScheduleEntry[],
  now: number,
  zone: string,
): ScheduledWindow | undefined {
  return occurrences(entries, now, zone, 1)
    .filter((w) => w.start <= now && now < w.end)
    .sort((a, b) => b.end - a.end)[0];
}

/** The next window starting after `now`. */
export function nextWindow(entries: readonly ScheduleEntry[], now: number, zone: string): ScheduledWindow | undefined {
  return occurrences(entries, now, zone).find((w) => w.start > now);
}

/** Minutes to propose for a window entered at `now`: what is left of it, at least 5. */
export function proposedMinutes(window: ScheduledWindow, now: number): number {
  return Math.max(5, Math.floor((window.end - Math.max(now, window.start)) / 60_000));
}

/** A stable key for one occurrence, so it is proposed once across windows. */
export function windowKey(window: ScheduledWindow): string {
  return `${window.start}-${window.end}`;
}

/** The calendar day of `now` in `zone`, as YYYY-MM-DD. */
export function localDay(now: number, zone: string): string {
  const d = new TZDate(now, zone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The next time the wall clock in `zone` reads `minuteOfDay` (strictly after `now`). */
export function nextDailyTime(minuteOfDay: number, now: number, zone: string): number {
  for (let offset = 0; offset <= 2; offset++) {
    const at = wallTime(now, zone, offset, minuteOfDay).getTime();
    if (at > now) return at;
  }
  return wallTime(now, zone, 3, minuteOfDay).getTime();
}

/** Today's occurrence of `minuteOfDay` in `zone` (may be in the past). */
export function todayAt(minuteOfDay: number, now: number, zone: string): number {
  return wallTime(now, zone, 0, minuteOfDay).getTime();
}

/** Monday 00:00 to next Monday 00:00 of the week containing `now`, in `zone`. */
export function weekOf(now: number, zone: string): { start: number; end: number; days: number[] } {
  const today = new TZDate(now, zone);
  const sinceMonday = (today.getDay() + 6) % 7;
  const days: number[] = [];
  for (let i = 0; i <= 7; i++) days.push(wallTime(now, zone, i - sinceMonday, 0).getTime());
  return { start: days[0]!, end: days[7]!, days: days.slice(0, 7) };
}
