import type { DecisionStatus } from './types';

/**
 * Maps a free-text status ("✅ Accepted (lazy consensus) & implemented", "Superceded by 16",
 * "DRAFT") to the lifecycle. Order matters: a record "accepted, then superseded by 7" is
 * superseded. Returns 'unknown' for anything unrecognized; callers keep the original text.
 */
export function normalizeStatus(text: string): DecisionStatus {
  const words = text
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!words) return 'unknown';
  const has = (pattern: RegExp): boolean => pattern.test(words);
  if (has(/\b(superseded|superceded|supersceded|replaced)\b/)) return 'superseded';
  if (has(/\b(deprecated|depreciated|obsolete|retired|sunset|archived)\b/)) return 'deprecated';
  if (has(/\b(not accepted|rejected|declined|refused|abandoned|dropped|withdrawn|cancell?ed|dead|won t do|wontfix)\b/))
    return 'rejected';
  if (has(/\b(accepted|approved|adopted|agreed|implemented|decided|done|active|final|ratified)\b/)) return 'accepted';
  if (
    has(
      /\b(proposed|proposal|draft|drafted|open|pending|in progress|under review|in review|review|rfc|wip|discussing|discussion|suggested|new)\b/,
    )
  )
    return 'proposed';
  return 'unknown';
}

/** The display label of a status group. */
export const STATUS_LABELS: Record<DecisionStatus, string> = {
  accepted: 'Accepted',
  proposed: 'Proposed',
  superseded: 'Superseded',
  deprecated: 'Deprecated',
  rejected: 'Rejected',
  unknown: 'Unknown',
};

/** Tree order of status groups. */
export const STATUS_ORDER: DecisionStatus[] = [
  'accepted',
  'proposed',
  'superseded',
  'deprecated',
  'rejected',
  'unknown',
];
