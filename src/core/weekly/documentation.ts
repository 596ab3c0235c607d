// The weekly draft's *Documentation* line: the documentation duty's evidence from each repository
// (src/node/docs/dutyWeek.ts), combined for the draft and said in one line.
import type { DocumentationEvidence } from './model';

/** One repository's evidence (its paths repository-relative). */
export interface RepoDocumentation extends DocumentationEvidence {
  repo: string;
}

/** The draft's evidence: null when no repository has a team file. Paths get "repo/" when `several`. */
export function combineDocumentation(
  perRepo: readonly RepoDocumentation[],
  several: boolean,
): DocumentationEvidence | null {
  if (perRepo.length === 0) return null;
  const onDuty = perRepo.filter((each) => each.onDuty);
  const sum = (key: 'fixed' | 'items') => onDuty.reduce((total, each) => total + (each[key] ?? 0), 0);
  return {
    onDuty: onDuty.length > 0,
    changed: perRepo.flatMap((each) => each.changed.map((path) => (several ? `${each.repo}/${path}` : path))),
    fixed: onDuty.length > 0 ? sum('fixed') : null,
    items: onDuty.length > 0 ? sum('items') : null,
  };
}

const SHOWN_PATHS = 5;

/**
 * "Documentation duty: fixed 4 of 9 items; changed `README.md`, `docs/runbooks/payments.md`." for the
 * person on duty; "Documentation: changed …" for anyone else who changed docs; else null.
 */
export function documentationLine(documentation: DocumentationEvidence | null | undefined): string | null {
  if (!documentation) return null;
  const { changed, fixed, items } = documentation;
  const paths = changed.slice(0, SHOWN_PATHS).map((path) => `\`${path.replace(/`/g, '')}\``);
  if (changed.length > SHOWN_PATHS) paths.push(`${changed.length - SHOWN_PATHS} more`);
  const list = paths.length > 1 ? `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}` : (paths[0] ?? '');
  if (documentation.onDuty && fixed !== null && items !== null) {
    const changes = list ? `; changed ${list}` : '; no docs changed yet';
    return `Documentation duty: fixed ${fixed} of ${items} ${items === 1 ? 'item' : 'items'}${changes}.`;
  }
  return list ? `Documentation: changed ${list}.` : null;
}
