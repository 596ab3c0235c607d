// `cadence.focus.*`: names, defaults and limits, once (package.json must agree; a unit test checks).
import type { SettingsTable } from '../settings';

export const FOCUS_SETTINGS = {
  blockMinutes: { type: 'integer', default: 50, minimum: 1, maximum: 480 },
  breakMinutes: { type: 'integer', default: 10, minimum: 1, maximum: 120 },
  breaks: { type: 'boolean', default: true },
  autoStart: { type: 'boolean', default: false },
  askLength: { type: 'boolean', default: true },
  doNotDisturb: { type: 'boolean', default: false },
  /** Parsed by `parseSchedule`, which reports each unusable entry. */
  schedule: { type: 'json', default: [] },
  autoStartScheduled: { type: 'boolean', default: false },
  onStart: { type: 'strings', default: [] },
  onEnd: { type: 'strings', default: [] },
  /** "HH:MM", or empty for off. */
  workdayEnd: { type: 'string', default: '' },
} as const satisfies SettingsTable;
