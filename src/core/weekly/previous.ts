// "What I said I'd do next" vs "what shipped": reads the In progress / next week bullets of the
// previous saved update and matches each against this week's shipped changes — by PR number, by
// branch name, then by shared title words. Deterministic: the best score wins, ties by order.
import type { InProgressItem, PlanCheck, ShippedItem } from './model';

const STOP_WORDS = new Set(
  'the and for with from into onto per via to of in on at by a an is are be it its this that more some add adds fix fixes wip feat chore refactor docs'.split(
    ' ',
  ),
);

/** Significant lower-case words of a text (links, code marks and punctuation removed). */
export function words(text: string): Set<string> {
  const plain = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_~]/g, ' ')
    .toLowerCase();
  return new Set(plain.split(/[^a-z0-9]+/).filter((word) => word.length >= 3 && !STOP_WORDS.has(word)));
}

/** The bullets under the "In progress / next week" heading of a saved update (Markdown or text). */
export function planItems(text: string): string[] {
  const items: string[] = [];
  let inside = false;
  for (const line of text.split(/\r?\n/)) {
    // Markdown "## X", Slack "*X*" or a plain-text heading line "X".
    const isHeading = /^\s*#{1,6}\s/.test(line) || /^\s*\*[^*]+\*\s*$/.test(line) || /^[A-Z][\w /]+$/.test(line.trim());
    if (isHeading) {
      inside = /in progress|next week/i.test(line);
      continue;
    }
    if (!inside) continue;
    const bullet = /^\s*(?:[-*•]|\d+\.)\s+(.*\S)\s*$/.exec(line);
    if (bullet && !/^_.*_$/.test(bullet[1])) items.push(bullet[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim());
  }
  return items;
}

function score(item: string, shipped: ShippedItem): number {
  const pr = /#(\d+)\b/.exec(item);
  if (pr && shipped.pr === Number(pr[1])) return 100;
  return overlap(item, shipped.title + (shipped.scope ? ` ${shipped.scope}` : ''));
}

/** The branch a plan item names first in backticks ("`feat/x`: …"), if any. */
function branchOf(item: string): string | null {
  return /`([^`\s]+)`/.exec(item)?.[1] ?? null;
}

/** Whether a plan item is one of the items still in progress: the same branch, or the same words. */
function stillInProgress(item: string, inProgress: readonly InProgressItem[]): boolean {
  const branch = branchOf(item);
  return inProgress.some(
    (open) => (branch !== null && open.branch === branch) || (open.kind === 'branch' && overlap(item, open.title) > 0),
  );
}

function overlap(text: string, other: string): number {
  const a = words(text);
  const b = words(other);
  let shared = 0;
  for (const word of b) if (a.has(word)) shared++;
  const smaller = Math.min(a.size, b.size);
  if (shared < 2 || smaller === 0) return 0;
  const ratio = shared / smaller;
  return ratio >= 0.6 ? ratio * 10 : 0;
}

/**
 * Each "next" item of the previous update, with the title of the shipped change that delivered it
 * (or null), and whether it is still in progress (so the draft does not list it twice).
 */
export function comparePlan(
  previousUpdate: string,
  shipped: readonly ShippedItem[],
  inProgress: readonly InProgressItem[] = [],
): PlanCheck[] {
  return planItems(previousUpdate).map((item) => {
    let best: ShippedItem | null = null;
    let bestScore = 0;
    for (const candidate of shipped) {
      const value = score(item, candidate);
      if (value > bestScore) {
        best = candidate;
        bestScore = value;
      }
    }
    return { item, shipped: best ? best.title : null, ongoing: !best && stillInProgress(item, inProgress) };
  });
}
