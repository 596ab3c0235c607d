// How loudly each problem code is reported: `cadence.docs.diagnostics` (code → level) and
// `cadence.docs.diagnosticsOpenFilesOnly` (codes reported only for files open in an editor), read
// once here and applied the same way by the language server, the sidebar's badges and
// `cadence docs --strict`.
import type { Problem, Severity } from './types';

export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export const DIAGNOSTIC_LEVELS: readonly DiagnosticLevel[] = ['error', 'warning', 'information', 'hint', 'off'];

/**
 * The defaults: an overdue runbook is information (a reminder, not a defect), and two records of a
 * folder sharing a number — usually history nobody will renumber — a warning, not an error.
 */
export const DEFAULT_DIAGNOSTIC_LEVELS: Readonly<Record<string, DiagnosticLevel>> = {
  'stale-runbook': 'information',
  'duplicate-number': 'warning',
};

/** Codes reported only while their file is open, by default: 83 overdue runbooks are not 83 problems. */
export const DEFAULT_OPEN_FILES_ONLY: readonly string[] = ['stale-runbook'];

const FROM_SEVERITY: Record<Severity, DiagnosticLevel> = { error: 'error', warning: 'warning', info: 'information' };

/** Levels by code, from a raw setting value (anything): unknown levels and non-object values are ignored. */
export type DiagnosticLevels = Readonly<Record<string, DiagnosticLevel>>;

/**
 * The user's map over the defaults. Codes are kept as written (a code added later still applies);
 * levels are matched in any case; anything else is dropped.
 */
export function readDiagnosticLevels(raw: unknown): DiagnosticLevels {
  const levels: Record<string, DiagnosticLevel> = { ...DEFAULT_DIAGNOSTIC_LEVELS };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return levels;
  for (const [code, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    const level = DIAGNOSTIC_LEVELS.find((l) => l === value.trim().toLowerCase());
    if (level && code.trim() !== '') levels[code.trim()] = level;
  }
  return levels;
}

/** A problem's level: the setting's for its code, else the severity the check gave it. */
export function problemLevel(levels: DiagnosticLevels, code: string, severity: Severity): DiagnosticLevel {
  return Object.hasOwn(levels, code) ? levels[code] : FROM_SEVERITY[severity];
}

/** What `--strict` counts and the sidebar badges: errors and warnings. */
export function isSerious(level: DiagnosticLevel): level is 'error' | 'warning' {
  return level === 'error' || level === 'warning';
}

/** Problems with their level, those turned `off` left out. */
export function leveled<P extends Pick<Problem, 'code' | 'severity'>>(
  levels: DiagnosticLevels,
  problems: readonly P[],
): (P & { level: Exclude<DiagnosticLevel, 'off'> })[] {
  const out: (P & { level: Exclude<DiagnosticLevel, 'off'> })[] = [];
  for (const problem of problems) {
    const level = problemLevel(levels, problem.code, problem.severity);
    if (level !== 'off') out.push({ ...problem, level });
  }
  return out;
}
