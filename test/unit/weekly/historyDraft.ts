// Drafting ISO week 2026-W47 in Berlin for ada@example.com from repositories built by the history
// fixture scripts (test/fixtures/weekly), as the reverts and worktree tests do.
import type { WeeklyDraft } from '../../../src/core/weekly/model';
import { isoWeekWindow } from '../../../src/core/weekly/window';
import { draftFromRepos, type DraftRequest } from '../../../src/node/weekly/draftRepos';
import { NOW } from '../../fixtures/weekly/histories.mjs';

export const berlin = { timeZone: 'Europe/Berlin', weekStartsOn: 1 as const };
export const W47 = isoWeekWindow('2026-W47', berlin);

export function draftW47(roots: string[], extra: Partial<DraftRequest> = {}): Promise<WeeklyDraft> {
  return draftFromRepos({
    roots,
    window: W47,
    now: Date.parse(NOW),
    authors: ['ada@example.com'],
    includeRepoUserEmail: false,
    gitPath: 'git',
    ...extra,
  });
}

/** The shipped titles, in the draft's order. */
export const titles = (d: WeeklyDraft) => d.shipped.map((item) => item.title);
