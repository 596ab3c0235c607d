/**
 * Every id Cadence contributes, declared once. package.json must agree with this file; a unit test
 * checks that it does, so a renamed command cannot silently lose its palette entry.
 */
export const EXTENSION_ID = 'cadence-dev.cadence';

export const Commands = {
  showLog: 'cadence.log.show',
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
  docsOpen: 'cadence.docs.open',
} as const;

export const Views = {
  container: 'cadence',
  decisions: 'cadence.decisions',
  runbooks: 'cadence.runbooks',
} as const;

export const LOG_CHANNEL_NAME = 'Cadence';
