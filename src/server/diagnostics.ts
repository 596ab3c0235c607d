import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { type DiagnosticLevel, type DiagnosticLevels, problemLevel } from '../core/docs/levels';
import type { Problem } from '../core/docs/types';
import { lineOf } from './records';
import { pathToUri } from './uris';
import type { DocsWorkspace } from '../core/docs/workspace';

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

const LSP_SEVERITY: Record<Exclude<DiagnosticLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
const FROM_LSP: Record<DiagnosticSeverity, Problem['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'info',
};

/** What the user asked for (`cadence.docs.diagnostics`, `…OpenFilesOnly`), as the publisher applies it. */
export interface DiagnosticsPolicy {
  levels: DiagnosticLevels;
  openFilesOnly: ReadonlySet<string>;
}

/**
 * The diagnostics of one file as the user asked: each at its code's level, `off` codes and (for a
 * file not open in an editor) the open-files-only codes left out.
 */
export function applyPolicy(policy: DiagnosticsPolicy, diagnostics: Diagnostic[], open: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const code = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (code === undefined) {
      out.push(diagnostic);
      continue;
    }
    if (!open && policy.openFilesOnly.has(code)) continue;
    const level = problemLevel(policy.levels, code, FROM_LSP[diagnostic.severity ?? DiagnosticSeverity.Error]);
    if (level !== 'off') out.push({ ...diagnostic, severity: LSP_SEVERITY[level] });
  }
  return out;
}

/** One problem as an LSP diagnostic on its line (from the first non-blank character to the end). */
export function toDiagnostic(problem: Problem, text: string | undefined): Diagnostic {
  const line = text === undefined ? '' : lineOf(text, problem.line);
  const start = line.length - line.trimStart().length;
  // Unknown text (a file never read as text): the whole line; clients clamp the column.
  const end = text === undefined ? 10_000 : Math.max(line.length, start);
  return {
    range: { start: { line: problem.line, character: start }, end: { line: problem.line, character: end } },
    severity: SEVERITY[problem.severity],
    source: 'cadence',
    code: problem.code,
    message: problem.message,
  };
}

/**
 * Publishes the index's problems. After any change it recomputes every file's problems (one linear
 * pass in the index) and sends only the files whose diagnostics differ from what the client has,
 * so fixing one record also clears the diagnostic it caused in another, open or not. Open documents
 * always get a (possibly empty) publication, so an editor knows the file was checked.
 */
export class DiagnosticsPublisher {
  private readonly sent = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: DocsWorkspace,
    private readonly uriOf: (path: string) => string = pathToUri,
    private readonly delayMs = 30,
    /** Diagnostics beside the index's problems for an open document (path references, drift). */
    private readonly extra?: (path: string, text: string, problems: Problem[]) => Diagnostic[],
    /** The user's levels and open-files-only codes, read at each publication. */
    private readonly policy?: () => DiagnosticsPolicy,
  ) {}

  /** Paths changed since the last publication; undefined once anything else changed (a full pass). */
  private dirty: Set<string> | undefined = new Set();
  /** Files that had cross-file problems at the last publication. */
  private crossBefore = new Set<string>();

  /**
   * Coalesces bursts (typing, a branch switch) into one publication. With `paths` (one file was
   * re-read), only those files and the files with cross-file problems before or after are checked:
   * an edit in a folder of 5,000 records must not recompute 5,000 files' diagnostics.
   */
  schedule(paths?: string[]): void {
    if (!paths) this.dirty = undefined;
    else if (this.dirty) for (const path of paths) this.dirty.add(path);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.publish();
    }, this.delayMs);
  }

  /** Publishes now; runs one at a time, so a slower earlier run never sends after a later one. */
  publish(): Promise<void> {
    this.running = this.running.then(() => this.publishNow()).catch(() => undefined);
    return this.running;
  }

  private async publishNow(): Promise<void> {
    await this.workspace.settled();
    const index = this.workspace.index;
    const dirty = this.dirty;
    this.dirty = new Set();
    const byPath = new Map<string, Problem[]>();
    const crossNow = new Set(index.crossProblemPaths());
    if (dirty) {
      for (const path of [...dirty, ...crossNow, ...this.crossBefore, ...this.openPaths()]) {
        if (!byPath.has(path)) byPath.set(path, index.problemsFor(path));
      }
    } else {
      for (const problem of index.problems()) {
        const list = byPath.get(problem.path) ?? [];
        list.push(problem);
        byPath.set(problem.path, list);
      }
    }
    this.crossBefore = crossNow;
    const paths = new Set(byPath.keys());
    if (!dirty) for (const path of this.sent.keys()) paths.add(path);
    for (const path of this.openPaths()) paths.add(path);
    const policy = this.policy?.();
    for (const path of paths) {
      const text = this.workspace.knownText(path);
      const open = this.workspace.isOpen(path);
      const problems = byPath.get(path) ?? [];
      let diagnostics = problems.map((p) => toDiagnostic(p, text));
      if (this.extra && text !== undefined && open) diagnostics.push(...this.extra(path, text, problems));
      if (policy) diagnostics = applyPolicy(policy, diagnostics, open);
      const signature = JSON.stringify(diagnostics);
      if (this.sent.get(path) === signature) continue;
      // Nothing to say about a file the client has nothing for (its problems were all left out).
      if (diagnostics.length === 0 && !open && !this.sent.has(path)) continue;
      if (diagnostics.length === 0 && !open) this.sent.delete(path);
      else this.sent.set(path, signature);
      await this.connection.sendDiagnostics({ uri: this.uriOf(path), diagnostics });
    }
  }

  private openPaths(): string[] {
    return this.workspace.openPaths();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
