import * as vscode from 'vscode';
import { ModelTreeProvider, type TreeModel } from './modelTree';
import { basename, relativePath } from '../../core/docs/paths';
import { STATUS_LABELS, STATUS_ORDER, statusDisplay, supersededDescription } from '../../core/docs/status';
import type { Decision, DecisionStatus } from '../../core/docs/types';
import type { DocsService } from './docsService';
import { isSerious, leveled, readDiagnosticLevels } from '../../core/docs/levels';
import { readDocsSettings } from './settings';

/** The scheme of the URIs that carry problem decorations on tree items (see ProblemDecorations). */
export const DECORATION_SCHEME = 'cadence-docs';

export type DecisionNode =
  | { kind: 'folder'; id: string; label: string; parent?: undefined }
  | { kind: 'status'; id: string; status: DecisionStatus; count: number; parent?: DecisionNode }
  | { kind: 'decision'; id: string; path: string; nested: boolean; parent?: DecisionNode };

/** Filter typed by the user: free text, `tag:x`, `status:y`. */
export interface DecisionFilter {
  text: string[];
  tags: string[];
  statuses: string[];
  raw: string;
}

export function parseFilter(raw: string): DecisionFilter | undefined {
  const filter: DecisionFilter = { text: [], tags: [], statuses: [], raw: raw.trim() };
  for (const word of raw.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (lower.startsWith('tag:')) filter.tags.push(lower.slice(4));
    else if (lower.startsWith('status:')) filter.statuses.push(lower.slice(7));
    else filter.text.push(lower);
  }
  return filter.raw ? filter : undefined;
}

function matches(decision: Decision, filter: DecisionFilter | undefined): boolean {
  if (!filter) return true;
  const haystack =
    `${decision.number ?? ''} ${decision.title} ${decision.statusText} ${basename(decision.path)}`.toLowerCase();
  return (
    filter.text.every((t) => haystack.includes(t)) &&
    filter.tags.every((t) => decision.tags.some((tag) => tag.toLowerCase() === t)) &&
    filter.statuses.every((s) => decision.status === s || decision.statusText.toLowerCase().includes(s))
  );
}

const ICONS: Record<DecisionStatus, string> = {
  accepted: 'pass',
  proposed: 'git-pull-request-draft',
  superseded: 'history',
  deprecated: 'archive',
  rejected: 'circle-slash',
  unknown: 'question',
};

/** `0012 Use PostgreSQL`: the folder's own digits when known, else four. */
export function decisionLabel(decision: Decision): string {
  if (decision.number === undefined) return decision.title;
  return `${decision.numberText ?? String(decision.number).padStart(4, '0')} ${decision.title}`;
}

/** The Decisions view: grouped by status (or flat by number), superseded records nested under their successor. */
export class DecisionsTreeProvider
  extends ModelTreeProvider<DecisionNode>
  implements vscode.TreeDataProvider<DecisionNode>
{
  grouping: 'status' | 'number' = 'status';
  filter: DecisionFilter | undefined;

  constructor(private readonly service: DocsService) {
    super();
  }

  protected buildModel(): TreeModel<DecisionNode> {
    const index = this.service.index;
    const decisions = index.decisions().filter((d) => matches(d, this.filter));
    const children = new Map<string, DecisionNode[]>();
    const byPath = new Map<string, DecisionNode>();
    const folders = [...new Set(decisions.map((d) => d.folder))];
    const multiRoot = this.service.workspaceFolders().length > 1;
    const folderLabel = (folder: string): string => {
      const root = this.service.rootOf(folder);
      const rel = root ? relativePath(root.folder.uri.path, folder) : folder;
      return multiRoot && root ? `${root.folder.name}: ${rel}` : rel;
    };
    const decisionNode = (d: Decision, parent: DecisionNode | undefined, nested: boolean): DecisionNode => {
      const node: DecisionNode = {
        kind: 'decision',
        id: `${parent?.id ?? ''}>${d.path}`,
        path: d.path,
        nested,
        parent,
      };
      if (!nested) {
        byPath.set(d.path, node);
        const older = index
          .links(d.path)
          .supersedes.map((p) => index.decision(p))
          .filter((x): x is Decision => x !== undefined);
        if (older.length > 0)
          children.set(
            node.id,
            older.map((o) => decisionNode(o, node, true)),
          );
      }
      return node;
    };
    const fill = (parent: DecisionNode | undefined, list: Decision[]): DecisionNode[] => {
      if (this.grouping === 'number') return list.map((d) => decisionNode(d, parent, false));
      return STATUS_ORDER.filter((status) => list.some((d) => d.status === status)).map((status) => {
        const node: DecisionNode = {
          kind: 'status',
          id: `${parent?.id ?? ''}#${status}`,
          status,
          count: list.filter((d) => d.status === status).length,
          parent,
        };
        children.set(
          node.id,
          list.filter((d) => d.status === status).map((d) => decisionNode(d, node, false)),
        );
        return node;
      });
    };
    let roots: DecisionNode[];
    if (folders.length > 1) {
      roots = folders.map((folder) => {
        const node: DecisionNode = { kind: 'folder', id: `folder:${folder}`, label: folderLabel(folder) };
        children.set(
          node.id,
          fill(
            node,
            decisions.filter((d) => d.folder === folder),
          ),
        );
        return node;
      });
    } else roots = fill(undefined, decisions);
    return { roots, children, byPath };
  }

  getParent(element: DecisionNode): DecisionNode | undefined {
    return element.parent;
  }

  getTreeItem(element: DecisionNode): vscode.TreeItem {
    const hasChildren = (this.model().children.get(element.id)?.length ?? 0) > 0;
    // Under a filter the groups get fresh ids, so VS Code opens them instead of restoring the
    // collapsed state the user left: every group shown holds a match.
    const groupId = this.filter ? `${element.id}?${this.filter.raw}` : element.id;
    if (element.kind === 'folder') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = groupId;
      item.iconPath = new vscode.ThemeIcon('folder');
      item.contextValue = 'cadence.decisionFolder';
      return item;
    }
    if (element.kind === 'status') {
      const collapsed =
        !this.filter &&
        (element.status === 'superseded' || element.status === 'rejected' || element.status === 'deprecated');
      const item = new vscode.TreeItem(
        STATUS_LABELS[element.status],
        collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded,
      );
      item.id = groupId;
      item.description = String(element.count);
      item.iconPath = new vscode.ThemeIcon(ICONS[element.status]);
      item.contextValue = 'cadence.decisionStatus';
      return item;
    }
    const decision = this.service.index.decision(element.path);
    const item = new vscode.TreeItem(
      decision ? decisionLabel(decision) : basename(element.path),
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = element.id;
    if (!decision) return item;
    const uri = this.service.uri(decision.path);
    const successors =
      decision.status === 'superseded'
        ? this.service.index
            .links(decision.path)
            .supersededBy.map((p) => this.service.index.decision(p))
            .filter((d): d is Decision => d !== undefined)
        : [];
    const status =
      decision.status === 'superseded'
        ? supersededDescription(decision.statusText, successors)
        : statusDisplay(decision.statusText) || 'no status';
    item.description = [status, decision.date ?? decision.dateText].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(ICONS[decision.status]);
    item.resourceUri = uri.with({ scheme: DECORATION_SCHEME });
    item.contextValue = 'cadence.decision';
    item.tooltip = tooltip(
      decision,
      successors,
      this.service.index.problemsFor(decision.path).map((p) => p.message),
    );
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }
}

function tooltip(decision: Decision, successors: Decision[], problems: string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown('**');
  md.appendText(decisionLabel(decision));
  md.appendMarkdown('**\n\n');
  md.appendText(
    [statusDisplay(decision.statusText) || 'No status', decision.date ?? decision.dateText].filter(Boolean).join(' · '),
  );
  // The successor by name: the list shows only its number.
  for (const successor of successors) {
    md.appendMarkdown('\n\nSuperseded by **');
    md.appendText(decisionLabel(successor));
    md.appendMarkdown('**');
  }
  if (decision.tags.length > 0) {
    md.appendMarkdown('\n\n');
    md.appendText(decision.tags.map((t) => `#${t}`).join(' '));
  }
  for (const [label, text] of [
    ['Context', decision.summary.context],
    ['Decision', decision.summary.decision],
  ] as const) {
    if (!text) continue;
    // The record's own Markdown, untrusted: no command links, no HTML.
    md.appendMarkdown(`\n\n**${label}:** ${text}`);
  }
  for (const problem of problems) {
    md.appendMarkdown('\n\n$(warning) ');
    md.appendText(problem);
  }
  md.supportThemeIcons = true;
  return md;
}

/** Badges the tree items of files with problems (a decoration, like the Problems badge on files). */
export class ProblemDecorations implements vscode.FileDecorationProvider {
  private readonly emitter = new vscode.EventEmitter<undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;

  constructor(private readonly service: DocsService) {}

  refresh(): void {
    this.emitter.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== DECORATION_SCHEME) return undefined;
    // At the levels the user set (cadence.docs.diagnostics): errors and warnings, like the Problems badge.
    const levels = readDiagnosticLevels(readDocsSettings().diagnostics);
    const problems = leveled(levels, this.service.index.problemsFor(uri.path)).filter((p) => isSerious(p.level));
    if (problems.length === 0) return undefined;
    const error = problems.some((p) => p.level === 'error');
    return {
      badge: problems.length > 9 ? '9+' : String(problems.length),
      tooltip: problems.map((p) => p.message).join('\n'),
      color: new vscode.ThemeColor(error ? 'list.errorForeground' : 'list.warningForeground'),
    };
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
