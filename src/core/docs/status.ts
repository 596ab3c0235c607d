import type { DecisionStatus } from './types';

/** Negated acceptance ("not approved", "decided against"): never read as accepted. */
const NEGATED =
  /\b(?:not (?:yet )?(?:accepted|approved|adopted|agreed|implemented|decided|done|ratified)|decided against)\b/g;

/**
 * Maps a free-text status ("✅ Accepted (lazy consensus) & implemented", "Superceded by 16",
 * "DRAFT") to the lifecycle. Order matters: a record "accepted, then superseded by 7" is
 * superseded. Returns 'unknown' for anything unrecognized; callers keep the original text.
 *
 * Decisions taken back after being in force ("Reverted", "Revoked", "Rescinded") are deprecated:
 * they once applied, unlike rejected ones. "Not approved", "Not accepted" and "Decided against"
 * are rejected; "Not implemented" alone says nothing about the decision and stays unknown.
 * Proposal words count only at the start ("Reverted by discussion #1198" is not a proposal).
 */
export function normalizeStatus(text: string): DecisionStatus {
  const words = text
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (!words) return 'unknown';
  const positive = words.replace(NEGATED, ' ');
  const has = (pattern: RegExp, in_ = words): boolean => pattern.test(in_);
  if (has(/\b(superseded|superceded|supersceded|replaced)\b/)) return 'superseded';
  if (has(/\b(deprecated|depreciated|obsolete|retired|sunset|archived|reverted|revoked|rescinded)\b/))
    return 'deprecated';
  if (
    has(/\b(not accepted|rejected|declined|refused|abandoned|dropped|withdrawn|cancell?ed|dead|won t do|wontfix)\b/) ||
    /\b(?:not (?:yet )?(?:accepted|approved|adopted|agreed|ratified)|decided against)\b/.test(words)
  )
    return 'rejected';
  if (has(/\b(accepted|approved|adopted|agreed|implemented|decided|done|active|final|ratified)\b/, positive))
    return 'accepted';
  if (
    has(
      /^(proposed|proposal|draft|drafted|open|pending|in progress|under review|in review|review|rfc|wip|discussing|discussion|suggested|new)\b/,
    )
  )
    return 'proposed';
  return 'unknown';
}

/** A status as written, for display: link markup reduced to its text ("[Accepted](…/pull/1)" → "Accepted"). */
export function statusDisplay(statusText: string): string {
  return statusText.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
}

/**
 * How a superseded record reads in a list: "Superseded by 16" (its successors' numbers, or titles
 * when they have none), and "· was Accepted" when its status text still names the earlier status.
 * Falls back to the status as written when no successor is known.
 */
export function supersededDescription(
  statusText: string,
  successors: readonly { number?: number; title: string }[],
): string {
  if (successors.length === 0) return statusDisplay(statusText) || 'Superseded';
  const names = successors.map((s) => (s.number !== undefined ? String(s.number) : s.title)).join(', ');
  const earlier = /\b(accepted|proposed|deprecated)\b/i.exec(
    statusDisplay(statusText).replace(/superseded by.*$/i, ''),
  );
  const was = earlier ? ` · was ${earlier[1].charAt(0).toUpperCase()}${earlier[1].slice(1).toLowerCase()}` : '';
  return `Superseded by ${names}${was}`;
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
