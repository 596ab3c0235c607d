// Broken path references (warning) and drift (information) in any LSP editor, with a quick fix
// that writes a renamed file's new path. The facts come from the duty model in src/core/docs; the
// git evidence (renames, drift counts) is read per root, for the whole repository: at start, and
// again when HEAD moves (server.ts watches the repositories' HEAD and branch refs).
import { type CodeAction, CodeActionKind, type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import { DEFAULT_DUTY_SETTINGS, ago, brokenRefs } from '../core/docs/duty';
import type { PathEvidencePort, RootEvidence } from '../core/docs/history';
import { extractPathRefs, replacementFor } from '../core/docs/pathRefs';
import { isInside, relativePath } from '../core/docs/paths';

interface PathFixData {
  cadencePathFix: { newText: string };
}

/** Path-reference diagnostics per document, from the evidence of the root containing it. */
export class PathDiagnostics {
  private roots: RootEvidence[] = [];

  constructor(
    private readonly port: PathEvidencePort,
    private readonly clock: { now(): number },
    private readonly driftCommits = DEFAULT_DUTY_SETTINGS.driftCommits,
  ) {}

  /** Re-reads the evidence of every root (after the roots were loaded, or on refresh). */
  async refresh(roots: string[], docs: { path: string; text: string }[], git: boolean): Promise<void> {
    const found: RootEvidence[] = [];
    for (const root of roots) {
      const evidence = await this.port.evidence(
        root,
        docs.filter((d) => isInside(root, d.path)),
        git,
      );
      if (evidence) found.push(evidence);
    }
    this.roots = found;
  }

  /**
   * True when HEAD moved in a repository since its evidence was read (a commit, checkout, pull or
   * reset): one `rev-parse` per repository, nothing more.
   */
  async headMoved(): Promise<boolean> {
    if (!this.port.head) return false;
    for (const root of this.roots) {
      if (root.head === undefined && !root.history) continue;
      if ((await this.port.head(root.top)) !== root.head) return true;
    }
    return false;
  }

  private rootOf(path: string): RootEvidence | undefined {
    return this.roots.find((r) => isInside(r.top, path));
  }

  /** Diagnostics for one Markdown document; `skipLines`: lines where the index already reports a broken link. */
  diagnostics(path: string, text: string, skipLines: ReadonlySet<number> = new Set()): Diagnostic[] {
    const evidence = this.rootOf(path);
    if (!evidence) return [];
    const docRel = relativePath(evidence.top, path);
    const exists = (rel: string): boolean =>
      this.port.exists(rel.endsWith('/') ? `${evidence.top}/${rel.slice(0, -1)}` : `${evidence.top}/${rel}`);
    const out: Diagnostic[] = [];
    for (const { ref, renamedTo, deleted } of brokenRefs(
      extractPathRefs(text, docRel),
      exists,
      evidence.renames,
      docRel,
    )) {
      if (ref.kind === 'link' && skipLines.has(ref.line)) continue;
      const where = renamedTo ? `renamed to ${renamedTo}` : deleted ? 'deleted' : 'not in the repository';
      const data: PathFixData | undefined = renamedTo
        ? { cadencePathFix: { newText: replacementFor(ref, renamedTo, docRel) } }
        : undefined;
      out.push({
        range: { start: { line: ref.line, character: ref.start }, end: { line: ref.line, character: ref.end } },
        severity: DiagnosticSeverity.Warning,
        source: 'cadence',
        code: ref.kind === 'link' ? 'broken-link' : 'broken-path',
        message: `${ref.path} is gone (${where}).`,
        data,
      });
    }
    const commits = evidence.history?.driftCommits.get(docRel) ?? 0;
    if (commits >= this.driftCommits) {
      const perRef = [...(evidence.history?.refCommits.get(docRel) ?? new Map<string, number>())].sort(
        (a, b) => b[1] - a[1],
      );
      const last = evidence.history?.lastChange.get(docRel);
      out.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: 'cadence',
        code: 'drift',
        message: `${commits} commits to ${perRef.map(([p]) => p).join(', ')} (paths this doc names) since it was last edited${last !== undefined ? ` (${ago(last, this.clock.now())})` : ''}.`,
      });
    }
    return out;
  }
}

/** Quick fixes for broken path diagnostics whose file git saw renamed: write the new path. */
export function pathFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const fix = (diagnostic.data as Partial<PathFixData> | undefined)?.cadencePathFix;
    if (diagnostic.source !== 'cadence' || !fix || typeof fix.newText !== 'string') continue;
    actions.push({
      title: `Change to ${fix.newText}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: diagnostic.range, newText: fix.newText }] } },
    });
  }
  return actions;
}
