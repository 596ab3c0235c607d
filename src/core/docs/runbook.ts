/** Parsing one runbook's front matter; review state is computed by the index. */
import { addPeriod, parseDate } from './dates';
import { asText, frontMatterProblem } from './fields';
import { titleFromFileName } from './names';
import { outlineOf } from './simpleOutline';
import { basename } from './paths';
import { readSource } from './source';
import { isRunbookByFrontMatter } from './runbooks';
import type { Runbook, RunbookEvidence } from './types';

/** Where a runbook was found: why (its folder, a glob, …) and the collection it belongs to. */
export interface RunbookPlacing {
  /** `candidate`: nothing but its front matter can make this file a runbook. */
  evidence: RunbookEvidence | 'candidate';
  collection?: string;
}

/**
 * Parses one runbook; review state is computed by the index. Never throws. A `candidate` whose front
 * matter does not mark a runbook (`isRunbookByFrontMatter`) comes back undefined.
 */
export function parseRunbook(path: string, text: string, folder: string): Runbook;
export function parseRunbook(path: string, text: string, folder: string, placing: RunbookPlacing): Runbook | undefined;
export function parseRunbook(
  path: string,
  text: string,
  folder: string,
  placing: RunbookPlacing = { evidence: 'folder' },
): Runbook | undefined {
  const source = readSource(text);
  const byFrontMatter = isRunbookByFrontMatter(source.frontMatter?.fields);
  // Front matter settles it: such a runbook does not depend on its collection's convention.
  const evidence: RunbookEvidence | undefined =
    byFrontMatter && (placing.evidence === 'candidate' || placing.evidence === 'alerts')
      ? 'frontMatter'
      : placing.evidence === 'candidate'
        ? undefined
        : placing.evidence;
  if (!evidence) return undefined;
  const { headings } = outlineOf(source);
  const front = source.frontMatter;
  const fields = front?.fields;
  const get = (key: string): string | undefined => asText(fields?.get(key)?.value);
  const h1 = headings.find((h) => h.level === 1);
  const reviewed = fields?.get('last_reviewed_on') ?? fields?.get('last-reviewed-on') ?? fields?.get('last_reviewed');
  const reviewedText = asText(reviewed?.value);
  const lastReviewedOn = reviewedText ? parseDate(reviewedText) : undefined;
  const problems = frontMatterProblem(path, source);
  if (reviewed && reviewedText && !lastReviewedOn) {
    problems.push({
      path,
      line: reviewed.line,
      code: 'invalid-review-date',
      severity: 'warning',
      message: `last_reviewed_on "${reviewedText}" is not a date; write it as yyyy-mm-dd (Mark Reviewed does).`,
    });
  }
  const reviewIn = fields?.get('review_in');
  const reviewInText = asText(reviewIn?.value);
  if (reviewIn && reviewInText && addPeriod('2000-01-01', reviewInText) === undefined) {
    problems.push({
      path,
      line: reviewIn.line,
      code: 'invalid-review-period',
      severity: 'warning',
      message: `review_in "${reviewInText}" is not a period Cadence reads; write it like "3 months", "6 weeks" or "90 days".`,
    });
  }
  return {
    path,
    folder,
    title: get('title') ?? h1?.text ?? titleFromFileName(basename(path)),
    owner: get('owner'),
    ownerSlack: get('owner_slack'),
    service: get('service'),
    severity: get('severity'),
    lastReviewedOn,
    lastReviewedSpan: reviewed?.span,
    lastReviewedLine: reviewed?.line,
    reviewIn: reviewInText,
    titleLine: h1?.line,
    headings: headings.map((h) => h.text),
    evidence,
    ...(placing.collection ? { collection: placing.collection } : {}),
    problems,
  };
}
