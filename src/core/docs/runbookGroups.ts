// How the Runbooks view groups and orders runbooks: by `service` when a runbook names one, else by
// its folder — and a folder whose runbooks name one service is that service's group, so
// `runbooks/payments/owners.md` (no service) sits with the payments runbooks beside it instead of
// in a group of its own. Pure: the tree adapter gives folder labels and renders the result.
import type { RunbookView } from './types';

export type RunbookSort = 'title' | 'staleFirst' | 'dueDate';

export const RUNBOOK_SORTS: readonly RunbookSort[] = ['title', 'staleFirst', 'dueDate'];

export interface RunbookGroup {
  /** The service, or the folder as the adapter labels it. */
  name: string;
  kind: 'service' | 'folder';
  runbooks: RunbookView[];
  stale: number;
}

const byTitle = (a: RunbookView, b: RunbookView): number =>
  a.title.localeCompare(b.title, undefined, { sensitivity: 'base' }) || a.path.localeCompare(b.path);

const ORDER: Record<RunbookSort, (a: RunbookView, b: RunbookView) => number> = {
  title: byTitle,
  staleFirst: (a, b) => Number(b.stale) - Number(a.stale) || byTitle(a, b),
  // Earliest due first; runbooks without a review date last.
  dueDate: (a, b) => (a.reviewDue ?? '9999').localeCompare(b.reviewDue ?? '9999') || byTitle(a, b),
};

/**
 * Groups sorted by name (case-insensitive), each group's runbooks in `sort` order. A service group
 * and a folder group with the same name stay apart only when they are different things: a folder
 * labelled like a service is merged into it, which is what a reader of the label expects.
 */
export function groupRunbooks(
  runbooks: readonly RunbookView[],
  folderLabel: (folder: string) => string,
  sort: RunbookSort = 'title',
): RunbookGroup[] {
  // The services named in each folder.
  const services = new Map<string, Set<string>>();
  for (const runbook of runbooks) {
    if (!runbook.service) continue;
    const set = services.get(runbook.folder) ?? new Set<string>();
    set.add(runbook.service);
    services.set(runbook.folder, set);
  }
  const groups = new Map<string, RunbookGroup>();
  for (const runbook of runbooks) {
    const shared = services.get(runbook.folder);
    const service = runbook.service ?? (shared?.size === 1 ? [...shared][0] : undefined);
    const name = service ?? folderLabel(runbook.folder);
    let group = groups.get(name);
    if (!group) {
      group = { name, kind: service ? 'service' : 'folder', runbooks: [], stale: 0 };
      groups.set(name, group);
    }
    group.runbooks.push(runbook);
    if (runbook.stale) group.stale++;
  }
  const order = ORDER[sort];
  for (const group of groups.values()) group.runbooks.sort(order);
  return [...groups.values()].sort(
    (a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.name.localeCompare(b.name),
  );
}

/** The group's label: its name and how many runbooks it holds ("payments (3)"). */
export function groupLabel(group: RunbookGroup): string {
  return `${group.name} (${group.runbooks.length})`;
}
