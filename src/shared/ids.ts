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
  weeklyPublishGithub: 'cadence.weekly.publishToGithub',
  focusStart: 'cadence.focus.start',
  focusPause: 'cadence.focus.pause',
  focusResume: 'cadence.focus.resume',
  focusExtend: 'cadence.focus.extend',
  focusStop: 'cadence.focus.stop',
  focusSkipBreak: 'cadence.focus.skipBreak',
  focusShowHistory: 'cadence.focus.showHistory',
  focusActions: 'cadence.focus.actions',
  docsNewDecision: 'cadence.docs.newDecision',
  docsSupersede: 'cadence.docs.supersede',
  docsChangeStatus: 'cadence.docs.changeStatus',
  docsMarkReviewed: 'cadence.docs.markReviewed',
  docsCopyLink: 'cadence.docs.copyLink',
  docsRefresh: 'cadence.docs.refresh',
  docsFilter: 'cadence.docs.filter',
  docsClearFilter: 'cadence.docs.clearFilter',
  docsReveal: 'cadence.docs.reveal',
  docsToggleGrouping: 'cadence.docs.toggleGrouping',
  docsSortRunbooks: 'cadence.docs.sortRunbooks',
  docsUndo: 'cadence.docs.undo',
  docsOpen: 'cadence.docs.open',
  dutyShow: 'cadence.duty.show',
  dutyRefresh: 'cadence.duty.refresh',
  slackConnect: 'cadence.slack.connect',
  slackDisconnect: 'cadence.slack.disconnect',
  slackPostWeekly: 'cadence.slack.postWeekly',
} as const;

export const Views = {
  container: 'cadence',
  focus: 'cadence.focus',
  decisions: 'cadence.decisions',
  runbooks: 'cadence.runbooks',
  guides: 'cadence.guides',
} as const;

export const LOG_CHANNEL_NAME = 'Cadence';

/** The focus timer's status-bar item (id and the name shown when hiding it). */
export const FOCUS_STATUS_ITEM = { id: 'cadence.focus', name: 'Cadence Focus' } as const;
/** Context keys the focus timer sets (used in package.json `when` clauses). */
export const FOCUS_CONTEXT = { phase: 'cadence.focus.phase', onBreak: 'cadence.focus.onBreak' } as const;
/** The Focus History webview panel type. */
export const FOCUS_HISTORY_VIEW = 'cadence.focus.history';

/** Where Slack credentials live: VS Code's SecretStorage (never settings, logs or drafts). */
export const SLACK_SECRETS = { token: 'cadence.slack.token', webhookUrl: 'cadence.slack.webhookUrl' } as const;
/** The channel last posted to, per workspace (workspaceState). */
export const SLACK_LAST_CHANNEL_KEY = 'cadence.slack.lastChannel';
/** Context keys the weekly update sets: a saved update, an untitled draft (editor-title actions). */
export const WEEKLY_CONTEXT = {
  isUpdateFile: 'cadence.weekly.isUpdateFile',
  isDraft: 'cadence.weekly.isDraft',
} as const;
/** Untitled weekly drafts are named "Weekly update W48" (and the editor-title actions know them by it). */
export const DRAFT_TITLE = 'Weekly update ';
/** The walkthrough (contributes.walkthroughs) and its steps, in order. */
export const WALKTHROUGH = { id: 'cadence.welcome', steps: ['focus', 'weekly', 'decisions'] } as const;
