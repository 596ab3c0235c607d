// The Slack entry of a focus block in the shared side-effect journal (docs/decisions/0005): written
// before each Slack call, so a crash never leaves Cadence unsure what it set.
import { recordEffect, type JournalEntry, type SharedFocus } from '../focus/shared';
import type { SlackEffect } from './focus';

export function slackEntryId(blockId: string): string {
  return `${blockId}:slack`;
}

export function slackEntry(shared: SharedFocus, blockId: string): JournalEntry | undefined {
  return shared.journal.find((e) => e.id === slackEntryId(blockId));
}

/**
 * Journals a new Slack effect for a block that is still under way; undefined (nothing to write)
 * when the block is over or already has one (another window journaled it first).
 */
export function journalSlack(
  shared: SharedFocus,
  entry: Omit<JournalEntry, 'id' | 'kind'> & { slack: SlackEffect },
): SharedFocus | undefined {
  const id = slackEntryId(entry.blockId);
  if (shared.timer.phase === 'idle' || shared.timer.block?.id !== entry.blockId) return undefined;
  if (shared.journal.some((e) => e.id === id)) return undefined;
  return { ...shared, seq: shared.seq + 1, journal: recordEffect(shared.journal, { ...entry, id, kind: 'slack' }) };
}

/**
 * Changes a Slack entry's record (`undefined` values remove a field); undefined when the entry is
 * gone or nothing changes.
 */
export function patchSlack(shared: SharedFocus, blockId: string, patch: Partial<SlackEffect>): SharedFocus | undefined {
  const id = slackEntryId(blockId);
  const entry = shared.journal.find((e) => e.id === id);
  if (!entry?.slack) return undefined;
  const slack: SlackEffect = { ...entry.slack };
  for (const [key, value] of Object.entries(patch) as Array<[keyof SlackEffect, unknown]>) {
    if (value === undefined) delete slack[key];
    else (slack as unknown as Record<string, unknown>)[key] = value;
  }
  if (JSON.stringify(slack) === JSON.stringify(entry.slack)) return undefined;
  return {
    ...shared,
    seq: shared.seq + 1,
    journal: shared.journal.map((e) => (e.id === id ? { ...e, slack } : e)),
  };
}
