import { systemTimeZone, yourTimeZone } from '../node/timeZone';
import { readWeeklySettings } from './weekly/settings';

/**
 * "Your time zone" in the editor: `cadence.weekly.timeZone`, else the system's. An unknown zone in
 * the setting falls back to the system's here (the weekly draft reports it when drafting).
 */
export function editorTimeZone(): string {
  try {
    return yourTimeZone(readWeeklySettings().timeZone);
  } catch {
    return systemTimeZone();
  }
}

/** Settings whose change can move "your time zone". */
export const TIME_ZONE_SETTING = 'cadence.weekly.timeZone';
