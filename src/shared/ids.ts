/**
 * Every id Cadence contributes, declared once. package.json must agree with this file; a unit test
 * checks that it does, so a renamed command cannot silently lose its palette entry.
 */
export const EXTENSION_ID = 'cadence-dev.cadence';

export const Commands = {
  showLog: 'cadence.log.show',
  weeklyDraft: 'cadence.weekly.draft',
  weeklyDraftFor: 'cadence.weekly.draftFor',
  weeklyCopyAsSlack: 'cadence.weekly.copyAsSlack',
  weeklyCopyAsText: 'cadence.weekly.copyAsText',
  weeklySave: 'cadence.weekly.save',
} as const;

export const Views = {
  container: 'cadence',
  decisions: 'cadence.decisions',
} as const;

export const LOG_CHANNEL_NAME = 'Cadence';
