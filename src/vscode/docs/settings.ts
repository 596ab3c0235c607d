import * as vscode from 'vscode';
import { readSetting, readTable } from '../../core/settings';
import { DOCS_SETTINGS, type DocsSettings, excludedNames } from '../../shared/docsSettings';

export type { DocsSettings } from '../../shared/docsSettings';

/** `cadence.docs.*` (and `files.exclude`), read in one place and handed to core as plain data. */
export function readDocsSettings(scope?: vscode.ConfigurationScope): DocsSettings {
  const config = vscode.workspace.getConfiguration('cadence.docs', scope);
  const { languageServer: _, ...docs } = readTable(DOCS_SETTINGS, (name) => config.get(name));
  return { ...docs, excludeNames: excludedNames(vscode.workspace.getConfiguration('files', scope).get('exclude')) };
}

/** `cadence.docs.languageServer`: whether the language server runs. */
export function languageServerEnabled(): boolean {
  const config = vscode.workspace.getConfiguration('cadence.docs');
  return readSetting(DOCS_SETTINGS.languageServer, config.get('languageServer'));
}
