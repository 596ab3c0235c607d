// `cadence.docs.*`, declared once for the extension (trees, client) and the language server: the
// table (names, defaults, limits; package.json must agree, a unit test checks), the settings type
// both sides use, and the defensive reader for what an LSP client sends.
import type { DutySettings } from '../core/docs/duty';
import { DEFAULT_DIAGNOSTIC_LEVELS, DEFAULT_OPEN_FILES_ONLY } from '../core/docs/levels';
import { RUNBOOK_SORTS } from '../core/docs/runbookGroups';
import { readSetting, readTable, type SettingsTable, type TableValues } from '../core/settings';

export const DOCS_SETTINGS = {
  decisionGlobs: { type: 'strings', default: [] },
  runbookGlobs: { type: 'strings', default: [] },
  runbookReviewDays: { type: 'number', default: 180, minimum: 1 },
  /** Sections every runbook outside an alert collection must have (`missing-section`). */
  runbookSections: { type: 'strings', default: [] },
  maxFileSize: { type: 'number', default: 1024, minimum: 1 },
  /** Documentation duty: extra guide globs, drift threshold, days in Proposed, months a guide may rest. */
  guideGlobs: { type: 'strings', default: [] },
  driftCommits: { type: 'number', default: 5, minimum: 1 },
  proposedDays: { type: 'number', default: 30, minimum: 1 },
  guideStaleMonths: { type: 'number', default: 6, minimum: 1 },
  /** Problem code → error | warning | information | hint | off (see src/core/docs/levels.ts). */
  diagnostics: { type: 'object', default: DEFAULT_DIAGNOSTIC_LEVELS },
  /** Codes reported only for files open in an editor. */
  diagnosticsOpenFilesOnly: { type: 'strings', default: DEFAULT_OPEN_FILES_ONLY },
  /** The Runbooks view's order within a group (read by the tree only). */
  runbookSort: { type: 'string', default: 'title', enum: RUNBOOK_SORTS },
  /** Read by the client only: whether to start the language server. */
  languageServer: { type: 'boolean', default: true },
} as const satisfies SettingsTable;

/** What the trees and the language server need from `cadence.docs.*` (and `files.exclude`). */
export interface DocsSettings extends Omit<TableValues<typeof DOCS_SETTINGS>, 'languageServer'> {
  /** Folder names that `files.exclude` hides everywhere (patterns like "**" + "/name"): never walked. */
  excludeNames: string[];
}

/** What the client sends the server, as initializationOptions and in didChangeConfiguration. */
export interface ServerSettings extends DocsSettings {
  /**
   * Whether the server may run git (runbooks' last change when `last_reviewed_on` is missing).
   * VS Code sends false for an untrusted workspace: a repository's git config can run commands.
   */
  git: boolean;
  /** The git executable (VS Code's); "git" on PATH when absent. */
  gitPath?: string;
}

/** Reads what a client sent defensively: any LSP client may send anything (or nothing). */
export function readServerSettings(options: unknown): ServerSettings {
  const o = (options && typeof options === 'object' ? options : {}) as Record<string, unknown>;
  const { languageServer: _, ...docs } = readTable(DOCS_SETTINGS, (name) => o[name]);
  const gitPath = readSetting({ type: 'string', default: '' }, o.gitPath);
  return {
    ...docs,
    excludeNames: readSetting({ type: 'strings', default: [] }, o.excludeNames),
    git: o.git !== false,
    ...(gitPath ? { gitPath } : {}),
  };
}

/** The documentation duty's thresholds among the docs settings (the duty view, the weekly draft's line). */
export function dutyThresholds(values: Pick<TableValues<typeof DOCS_SETTINGS>, keyof DutySettings>): DutySettings {
  return {
    driftCommits: values.driftCommits,
    proposedDays: values.proposedDays,
    guideStaleMonths: values.guideStaleMonths,
  };
}

/** The folder names `files.exclude` hides everywhere (`**` + `/name` patterns set to true): never walked. */
export function excludedNames(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>)
    .filter(([, on]) => on === true)
    .map(([pattern]) => /^\*\*\/([^/*?{}[\]]+)\/?$/.exec(pattern)?.[1])
    .filter((name): name is string => name !== undefined);
}
