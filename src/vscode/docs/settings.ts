import * as vscode from 'vscode';

/** `cadence.docs.*` settings, read in one place and handed to core as plain data. */
export interface DocsSettings {
  decisionGlobs: string[];
  runbookGlobs: string[];
  runbookReviewDays: number;
  maxFileKiB: number;
  /** Folder names that `files.exclude` hides everywhere (patterns like "**" + "/name"): never walked. */
  excludeNames: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export function readDocsSettings(scope?: vscode.ConfigurationScope): DocsSettings {
  const config = vscode.workspace.getConfiguration('cadence.docs', scope);
  const days = config.get<number>('runbookReviewDays', 180);
  const maxFileKiB = config.get<number>('maxFileKiB', 1024);
  return {
    decisionGlobs: strings(config.get('decisionGlobs')),
    runbookGlobs: strings(config.get('runbookGlobs')),
    runbookReviewDays: Number.isFinite(days) && days > 0 ? days : 180,
    maxFileKiB: Number.isFinite(maxFileKiB) && maxFileKiB > 0 ? maxFileKiB : 1024,
    excludeNames: excludedNames(vscode.workspace.getConfiguration('files', scope).get('exclude')),
  };
}

function excludedNames(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([pattern]) => /^\*\*\/([^/*?{}[\]]+)\/?$/.exec(pattern)?.[1])
    .filter((name): name is string => name !== undefined);
}
