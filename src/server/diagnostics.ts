import { type Connection, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Problem } from '../core/docs/types';
import { lineOf } from './records';
import { pathToUri } from './uris';
import type { DocsWorkspace } from '../core/docs/workspace';

const SEVERITY: Record<Problem['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

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
    for (const path of paths) {
      const text = this.workspace.knownText(path);
      const problems = byPath.get(path) ?? [];
      const diagnostics = problems.map((p) => toDiagnostic(p, text));
      if (this.extra && text !== undefined && this.workspace.isOpen(path))
        diagnostics.push(...this.extra(path, text, problems));
      const signature = JSON.stringify(diagnostics);
      if (this.sent.get(path) === signature) continue;
      if (diagnostics.length === 0 && !this.workspace.isOpen(path)) this.sent.delete(path);
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
