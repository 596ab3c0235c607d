// Calendar windows in the user's IANA time zone. All date math goes through date-fns on TZDate, so
// a week that contains a DST change is still "Monday 00:00 to next Monday 00:00" local time (167
// or 169 hours), never "7 × 24 h".
import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks, format, getDay, getISOWeek, getISOWeekYear, startOfDay, startOfWeek } from 'date-fns';
import type { TimeWindow } from './model';

/** 0 = Sunday … 6 = Saturday, as date-fns counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type WeekdayName = (typeof WEEKDAYS)[number];

export interface WeekOptions {
  timeZone: string;
  weekStartsOn: Weekday;
}

/** Thrown for user input that is not a date, a week or a time zone: one line, ready to print. */
export class WindowError extends Error {}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  if (!zone) return false;
  const known = zoneValidity.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  zoneValidity.set(zone, valid);
  return valid;
}
// Building an Intl formatter is the expensive part of a zone check; zones are few.
const zoneValidity = new Map<string, boolean>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_INDEX: Record<string, Weekday> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The zone as Intl names it ("utc" → "UTC", "europe/berlin" → "Europe/Berlin"); throws WindowError. */
export function canonicalTimeZone(zone: string): string {
  assertZone(zone);
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/** Years a window may fall in: git has no dates before 1970, and JavaScript reads years < 100 as 19xx. */
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;

function assertYear(year: number, text: string): void {
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new WindowError(`'${text}' is out of range (use a year from ${MIN_YEAR} to ${MAX_YEAR})`);
}

function assertZone(zone: string): void {
  if (!isValidTimeZone(zone))
    throw new WindowError(`unknown time zone '${zone}' (use an IANA name like Europe/Berlin)`);
}

function dayLabel(start: TZDate, lastDay: TZDate): string {
  const sameYear = start.getFullYear() === lastDay.getFullYear();
  const sameMonth = sameYear && start.getMonth() === lastDay.getMonth();
  const from = format(start, sameMonth ? 'EEE d' : sameYear ? 'EEE d MMM' : 'EEE d MMM yyyy');
  return `${from} – ${format(lastDay, 'EEE d MMM yyyy')}`;
}

function weekOf(start: TZDate): { week: number; year: number } {
  // Numbered as the ISO week holding the window's middle (its 4th day): for Monday weeks that is
  // exactly ISO 8601, and a Sunday-first week gets the number of the ISO week it mostly covers, so
  // `--week 2026-W47` always prints "Week 47" whatever the first day.
  const middle = addDays(start, 3);
  return { week: getISOWeek(middle), year: getISOWeekYear(middle) };
}

/**
 * The start of the local day `days` after `day`'s date. Not `addDays`: where DST begins at midnight
 * (Santiago, Beirut, Havana) a day starts at 01:00, and adding days to that start keeps the 01:00 —
 * an hour into the next day, which then belongs to two windows.
 */
export function dayStartAfter(day: TZDate, days: number): TZDate {
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + days, day.timeZone ?? 'UTC');
}

function makeWeek(start: TZDate, options: WeekOptions): TimeWindow {
  const end = dayStartAfter(start, 7);
  const { week, year } = weekOf(start);
  return {
    start: start.getTime(),
    end: end.getTime(),
    timeZone: options.timeZone,
    label: `Week ${week} · ${dayLabel(start, addDays(start, 6))} · ${options.timeZone}`,
    id: `${year}-W${String(week).padStart(2, '0')}`,
    kind: 'week',
  };
}

/** The calendar week containing `instant`, shifted by `offset` weeks (-1 = last week). */
export function weekWindow(instant: number, options: WeekOptions, offset = 0): TimeWindow {
  assertZone(options.timeZone);
  const local = new TZDate(instant, options.timeZone);
  const start = new TZDate(
    addWeeks(startOfWeek(local, { weekStartsOn: options.weekStartsOn }), offset).getTime(),
    options.timeZone,
  );
  return makeWeek(start, options);
}

/** Parses an ISO week id ("2026-W47") into that week (in the configured zone and first day). */
export function isoWeekWindow(id: string, options: WeekOptions): TimeWindow {
  assertZone(options.timeZone);
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(id.trim());
  if (!match) throw new WindowError(`'${id}' is not an ISO week (use the form 2026-W47)`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  assertYear(year, id);
  // ISO week 1 is the week containing 4 January; its Thursday decides the week whatever the first day.
  const jan4 = new TZDate(year, 0, 4, options.timeZone);
  const mondayOfWeek1 = startOfWeek(jan4, { weekStartsOn: 1 });
  const thursday = addDays(addWeeks(mondayOfWeek1, week - 1), 3);
  const maxWeek = getISOWeek(new TZDate(year, 11, 28, options.timeZone));
  if (week < 1 || week > maxWeek) throw new WindowError(`'${id}': ${year} has weeks 1 to ${maxWeek}`);
  return makeWeek(startOfWeek(thursday, { weekStartsOn: options.weekStartsOn }), options);
}

/** Parses a calendar date "2026-11-16" as local midnight in `zone`. */
export function parseLocalDate(text: string, zone: string): TZDate {
  assertZone(zone);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) throw new WindowError(`'${text}' is not a date (use the form 2026-11-16)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  assertYear(year, text);
  const date = new TZDate(year, month - 1, day, zone);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    throw new WindowError(`'${text}' is not a calendar date`);
  }
  return date;
}

/** Days `since` to `until`, both included, as local calendar days in `zone`. */
export function rangeWindow(since: string, until: string, zone: string): TimeWindow {
  const start = parseLocalDate(since, zone);
  const lastDay = parseLocalDate(until, zone);
  if (lastDay.getTime() < start.getTime()) throw new WindowError(`--until ${until} is before --since ${since}`);
  const end = dayStartAfter(lastDay, 1);
  return {
    start: start.getTime(),
    end: end.getTime(),
    timeZone: zone,
    label: `${dayLabel(start, lastDay)} · ${zone}`,
    id: `${format(start, 'yyyy-MM-dd')}--${format(lastDay, 'yyyy-MM-dd')}`,
    kind: 'range',
  };
}

/** From `start` (e.g. the end of the last saved update) up to now, whole local days. */
export function sinceWindow(start: number, now: number, zone: string): TimeWindow {
  assertZone(zone);
  const from = new TZDate(start, zone);
  const today = startOfDay(new TZDate(now, zone));
  const lastDay = today.getTime() < from.getTime() ? startOfDay(from) : today;
  return {
    start,
    end: dayStartAfter(lastDay, 1).getTime(),
    timeZone: zone,
    // From a saved update's moment (not a midnight), the label says the time too.
    label: `Since ${format(from, from.getTime() === startOfDay(from).getTime() ? 'EEE d MMM yyyy' : 'EEE d MMM yyyy HH:mm')} · ${zone}`,
    id: `${format(from, 'yyyy-MM-dd')}--${format(lastDay, 'yyyy-MM-dd')}`,
    kind: 'range',
  };
}

/** Local weekday (0 = Sunday) of an instant in `zone`. */
export function localWeekday(instant: number, zone: string): Weekday {
  let format = weekdayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' });
    weekdayFormats.set(zone, format);
  }
  return WEEKDAY_INDEX[format.format(instant)] ?? (getDay(new TZDate(instant, zone)) as Weekday);
}

/** Short local date of an instant ("Sat 21 Nov"). */
export function shortDate(instant: number, zone: string): string {
  return format(new TZDate(instant, zone), 'EEE d MMM');
}

/** Parses a saved update's file name back into the window it covered, or null. */
export function windowFromId(id: string, options: WeekOptions): TimeWindow | null {
  try {
    if (/^\d{4}-W\d{2}$/.test(id)) return isoWeekWindow(id, options);
    const range = /^(\d{4}-\d{2}-\d{2})--(\d{4}-\d{2}-\d{2})$/.exec(id);
    if (range) return rangeWindow(range[1], range[2], options.timeZone);
  } catch {
    return null;
  }
  return null;
}
