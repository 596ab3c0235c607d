// The `cadence.weekly.*` keys of a repository's own `.vscode/settings.json`, read by `cadence draft`
// so the CLI drafts with the settings the extension would use in that folder. Only the keys that
// name no file, folder or program are taken (REPO_SAFE_KEYS).
import { REPO_SAFE_KEYS, type WeeklySettingKey } from '../../core/weekly/settings';
import { readRepoSettingsFile } from '../repoSettings';

export interface RepoSettings {
  /** Raw values of the safe `cadence.weekly.*` keys found (normalize with normalizeWeeklySettings). */
  values: Partial<Record<WeeklySettingKey, unknown>>;
  /** One line when the file exists but could not be used; the draft goes on with the defaults. */
  problem: string | null;
}

/** Reads the `cadence.weekly.*` keys of `<root>/.vscode/settings.json` that a repository may set. */
export async function readRepoWeeklySettings(root: string): Promise<RepoSettings> {
  const file = await readRepoSettingsFile(root);
  const values: RepoSettings['values'] = {};
  for (const key of REPO_SAFE_KEYS) {
    const value = file.values[`cadence.weekly.${key}`];
    if (value !== undefined) values[key] = value;
  }
  return { values, problem: file.problem };
}
