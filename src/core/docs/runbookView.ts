/** A runbook's review state, computed against today's date and the last git change. */
import { addDays, addPeriod } from './dates';
import type { SectionState } from './runbooks';
import type { Runbook, RunbookView } from './types';

/** Days between runbook reviews when neither the runbook (`review_in`) nor the settings say. */
export const DEFAULT_RUNBOOK_REVIEW_DAYS = 180;

/**
 * The runbook with its review date (front matter `last_reviewed_on`, else `lastChange` from git),
 * the date its next review is due, and a `stale-runbook` problem when that date is before `today`.
 */
export function viewRunbook(
  runbook: Runbook,
  today: string,
  lastChange: string | undefined,
  reviewDays = DEFAULT_RUNBOOK_REVIEW_DAYS,
  sections: SectionState = { sections: [], missingSections: [] },
): RunbookView {
  const fromGit = runbook.lastReviewedOn ? undefined : lastChange;
  const lastReviewed = runbook.lastReviewedOn ?? fromGit;
  const reviewDue = lastReviewed
    ? ((runbook.reviewIn ? addPeriod(lastReviewed, runbook.reviewIn) : undefined) ?? addDays(lastReviewed, reviewDays))
    : undefined;
  const stale = reviewDue !== undefined && reviewDue < today;
  const problems = [...runbook.problems];
  if (stale) {
    problems.push({
      path: runbook.path,
      line: runbook.lastReviewedLine ?? 0,
      code: 'stale-runbook',
      severity: 'warning',
      message: `This runbook was due for review on ${reviewDue}; review it and set last_reviewed_on.`,
    });
  }
  if (sections.problem) problems.push(sections.problem);
  return {
    ...runbook,
    sections: sections.sections,
    missingSections: sections.missingSections,
    lastReviewed,
    lastReviewedSource: runbook.lastReviewedOn ? 'frontMatter' : fromGit ? 'git' : undefined,
    reviewDue,
    stale,
    problems,
  };
}
