// "Your time zone", one rule for focus (schedules, history), the weekly draft and the CLI:
// `cadence.weekly.timeZone` when it is set, else the system's, spelled as Intl spells it.
import { canonicalTimeZone } from '../core/weekly/window';

/** The system's time zone as Intl names it ("UTC" when the platform gives none). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The user's zone: `configured` (the `cadence.weekly.timeZone` setting, or a `--tz` flag) when
 * non-empty, else `system` (asked only then). Throws WindowError naming an unknown configured zone.
 */
export function yourTimeZone(configured: string | undefined, system: string | (() => string) = systemTimeZone): string {
  return canonicalTimeZone(configured?.trim() || (typeof system === 'string' ? system : system()));
}
