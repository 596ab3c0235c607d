// The `cadence.docs.*` keys of a repository's own `.vscode/settings.json`, read by `cadence docs` and
// `cadence duty` so they find and judge what the extension would in that folder: the same table,
// defaults and limits as VS Code's configuration (DOCS_SETTINGS), through the one settings-file reader.
import * as path from 'node:path';
import type { LoadOptions } from '../../core/docs/load';
import { relativePath } from '../../core/docs/paths';
import { readTable, type TableValues } from '../../core/settings';
import { DOCS_SETTINGS, excludedNames } from '../../shared/docsSettings';
import { repositoryRoot } from '../repositoryRoot';
import { readRepoSettingsFile } from '../repoSettings';

export interface RepoDocsSettings {
  /** The folder whose `.vscode/settings.json` was read (the repository's top, else the folder); globs are relative to it. */
  root: string;
  values: TableValues<typeof DOCS_SETTINGS>;
  /** Folder names the settings' `files.exclude` hides everywhere, as the editor never walks them. */
  excludeNames: string[];
  /** One line when the file exists but could not be used; the defaults apply. */
  problem: string | null;
}

/** The docs settings for `folder`: its repository's `.vscode/settings.json` (the folder's own outside git). */
export async function readRepoDocsSettings(folder: string): Promise<RepoDocsSettings> {
  const root = repositoryRoot(folder) ?? folder;
  const file = await readRepoSettingsFile(root);
  const values = readTable(DOCS_SETTINGS, (name) => file.values[`cadence.docs.${name}`]);
  return {
    root: path.sep === '/' ? root : root.split(path.sep).join('/'),
    values,
    excludeNames: excludedNames(file.values['files.exclude']),
    problem: file.problem,
  };
}

/** How a folder is read under these settings, and each glob as the user wrote it. */
export interface FolderReading {
  options: LoadOptions;
  /** The glob as written (in the settings, or a `--runbooks` flag) for a glob of `options`. */
  written(glob: string): string;
}

/**
 * Discovery options for `folder` (inside `settings.root`): the settings' globs, relative to the
 * settings' folder, and the file size limit. `runbookGlobs` (the `--runbooks` flags, relative to
 * `folder`) replace `cadence.docs.runbookGlobs` when given, as a flag replaces a setting.
 */
export function folderReading(
  settings: RepoDocsSettings,
  folder: string,
  runbookGlobs: readonly string[],
): FolderReading {
  const prefix = relativePath(settings.root, folder);
  const written = new Map<string, string>();
  const fromFolder = (glob: string): string => {
    const rebased = prefix === '.' ? glob : `${prefix}/${glob.trim().replace(/^(?:\.\/)+/, '')}`;
    written.set(rebased, glob);
    return rebased;
  };
  return {
    options: {
      searchUpward: true,
      globBase: settings.root,
      decisionGlobs: settings.values.decisionGlobs,
      runbookGlobs: runbookGlobs.length > 0 ? runbookGlobs.map(fromFolder) : settings.values.runbookGlobs,
      maxFileBytes: settings.values.maxFileSize * 1024,
      excludeNames: settings.excludeNames,
    },
    written: (glob) => written.get(glob) ?? glob,
  };
}
