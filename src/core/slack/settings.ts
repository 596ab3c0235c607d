// `cadence.slack.*`: names, defaults and limits, once (package.json must agree; a unit test checks).
import type { SettingsTable } from '../settings';
import { SLACK_FOCUS_MODES } from './focus';

export const SLACK_SETTINGS = {
  focus: { type: 'string', default: 'off', enum: SLACK_FOCUS_MODES },
  statusText: { type: 'string', default: 'Focusing until {end}', maxLength: 100 },
  statusEmoji: { type: 'string', default: ':headphones:' },
  /** Application-scoped: only the user's own value is read (see the reader). */
  apiUrl: { type: 'string', default: '' },
} as const satisfies SettingsTable;
