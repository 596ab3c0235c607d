/**
 * Whose turn it is: the documentation-duty rotation from the committed team file
 * (`.cadence/team.yml`, ADR 9). Weeks start on the file's `weekStartsOn` (default Monday) in its
 * `timeZone` (default the user's); a period is one week or a sprint of `sprintWeeks` weeks, counted
 * from `duty.start`. Pure: the clock and the user's zone come in.
 */
import { TZDate } from '@date-fns/tz';
import { type YamlBounds, parseBoundedYaml } from './boundedYaml';
import { TEAM_FILE } from './teamFile';

export interface TeamMember {
  email: string;
  github?: string;
  name?: string;
}

export type WeekDay = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export interface Team {
  people: TeamMember[];
  period: 'week' | 'sprint';
  /** Weeks per period (1 for `week`). */
  weeks: number;
  /** yyyy-mm-dd: the first period is the week containing it. */
  start: string;
  weekStartsOn: WeekDay;
  /** IANA zone; undefined means the user's. */
  timeZone?: string;
}

export interface TeamParse {
  team?: Team;
  /** One clear line per thing that is wrong; the team is undefined when any is. */
  problems: string[];
}

export { TEAM_FILE };
/** Larger team files are not read (a hostile repository cannot make the parse unbounded). */
export const MAX_TEAM_FILE_BYTES = 64 * 1024;
const MAX_PEOPLE = 1000;
/** A team file is a list of people and a few scalars: a few levels deep, a few nodes per person. */
const TEAM_BOUNDS: YamlBounds = { maxAliasCount: 10, maxNodes: 20 * MAX_PEOPLE, maxDepth: 16 };
/**
 * The rotation's start when the team file names none: Monday 1 January 2001 (ISO week 2001-W01).
 * Fixed, so every clone agrees whose turn it is without asking git (a CI clone of depth 1 would
 * date the team file's first commit differently); who comes first is then arbitrary — set
 * `duty.start` to choose.
 */
export const DEFAULT_START = '2001-01-01';
const WEEK_DAYS: WeekDay[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * Parses the team file. Never throws; every problem is one line naming the field. A problem with
 * the whole file does not repeat the file's name: callers print it after the file's path.
 */
export function parseTeam(text: string): TeamParse {
  const problems: string[] = [];
  if (text.length > MAX_TEAM_FILE_BYTES) return { problems: ['over 64 KiB; it was not read.'] };
  const parsed = parseBoundedYaml(text, TEAM_BOUNDS);
  if (!parsed.doc || parsed.error) {
    const error = parsed.error ?? { offset: 0, message: 'no document' };
    const line = text.slice(0, error.offset).split('\n').length;
    return { problems: [`not valid YAML (line ${line}: ${error.message}); it was not read.`] };
  }
  let data: unknown;
  try {
    data = parsed.doc.toJS({ maxAliasCount: TEAM_BOUNDS.maxAliasCount });
  } catch (error) {
    return { problems: [`cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { problems: ['must be a mapping with people and duty.'] };
  const root = data as Record<string, unknown>;
  const duty = (root.duty ?? {}) as Record<string, unknown>;
  if (typeof duty !== 'object' || Array.isArray(duty))
    problems.push('duty must be a mapping (period, sprintWeeks, start).');
  const people: TeamMember[] = [];
  const list = root.people;
  if (!Array.isArray(list) || list.length === 0)
    problems.push('people must list at least one person (email, optional github and name).');
  else {
    for (const [i, entry] of list.slice(0, MAX_PEOPLE).entries()) {
      const person = typeof entry === 'string' ? { email: entry } : (entry as Record<string, unknown> | null);
      const email = person?.email;
      if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
        problems.push(`people[${i}] needs an email.`);
        continue;
      }
      people.push({
        email: email.toLowerCase(),
        github: typeof person?.github === 'string' ? person.github : undefined,
        name: typeof person?.name === 'string' ? person.name : undefined,
      });
    }
  }
  const period = duty.period ?? 'week';
  if (period !== 'week' && period !== 'sprint')
    problems.push(`duty.period must be week or sprint, not "${String(period)}".`);
  const weeksValue = period === 'sprint' ? (duty.sprintWeeks ?? 2) : 1;
  const weeks = Number(weeksValue);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
    problems.push('duty.sprintWeeks must be a whole number of weeks from 1 to 52.');
  // No start: count from a fixed week, the same on every machine and clone (ADR 9).
  const start =
    duty.start instanceof Date
      ? duty.start.toISOString().slice(0, 10)
      : duty.start === undefined || duty.start === null || duty.start === ''
        ? DEFAULT_START
        : String(duty.start);
  if (!isIsoDate(start)) problems.push('duty.start must be a date written yyyy-mm-dd (or left out).');
  const weekStartsOn = String(root.weekStartsOn ?? 'monday').toLowerCase() as WeekDay;
  if (!WEEK_DAYS.includes(weekStartsOn))
    problems.push(`weekStartsOn must be a day name (monday … sunday), not "${String(root.weekStartsOn)}".`);
  const timeZone = root.timeZone === undefined || root.timeZone === '' ? undefined : String(root.timeZone);
  if (timeZone !== undefined && !isZone(timeZone))
    problems.push(`timeZone "${timeZone}" is not an IANA time zone (like Europe/Berlin).`);
  if (problems.length > 0) return { problems };
  return { team: { people, period: period as Team['period'], weeks, start, weekStartsOn, timeZone }, problems };
}

export interface DutyTurn {
  person: TeamMember;
  /** First and last day of the period (yyyy-mm-dd, both included), in the team's zone. */
  start: string;
  end: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** Days since the epoch of a calendar date (no zone involved: calendar arithmetic only). */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month, day) / DAY);
}

function isoOf(dayNo: number): string {
  return new Date(dayNo * DAY).toISOString().slice(0, 10);
}

/** The first day of the week containing `dayNo`. */
function weekStart(dayNo: number, weekStartsOn: WeekDay): number {
  const weekday = new Date(dayNo * DAY).getUTCDay();
  return dayNo - ((weekday - WEEK_DAYS.indexOf(weekStartsOn) + 7) % 7);
}

/**
 * Who is on duty at `now` (epoch ms) and the period's days; undefined before the rotation starts.
 * `userZone` is used when the team file names no zone.
 */
export function onDuty(team: Team, now: number, userZone: string): DutyTurn | undefined {
  const zone = team.timeZone ?? userZone;
  const local = new TZDate(now, zone);
  const today = dayNumber(local.getFullYear(), local.getMonth(), local.getDate());
  const [y, m, d] = team.start.split('-').map(Number);
  const first = weekStart(dayNumber(y, m - 1, d), team.weekStartsOn);
  const current = weekStart(today, team.weekStartsOn);
  const length = 7 * team.weeks;
  const index = Math.floor((current - first) / length);
  if (index < 0 || team.people.length === 0) return undefined;
  const start = first + index * length;
  return { person: team.people[index % team.people.length], start: isoOf(start), end: isoOf(start + length - 1) };
}

/** The name to show for a person ("Ada"), falling back to the e-mail. */
export function displayName(person: TeamMember): string {
  return person.name ?? person.github ?? person.email;
}
