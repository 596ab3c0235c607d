import * as vscode from 'vscode';
import { ModelTreeProvider, type TreeModel } from './modelTree';
import { relativePath } from '../../core/docs/paths';
import type { RunbookView } from '../../core/docs/types';
import { DECORATION_SCHEME } from './decisionsTree';
import type { DocsService } from './docsService';

export type RunbookNode =
  { kind: 'group'; id: string; label: string } | { kind: 'runbook'; id: string; path: string; parent: RunbookNode };

/** The Runbooks view: grouped by front matter `service`, else by folder; stale ones marked. */
export class RunbooksTreeProvider
  extends ModelTreeProvider<RunbookNode>
  implements vscode.TreeDataProvider<RunbookNode>
{
  constructor(private readonly service: DocsService) {
    super();
  }

  private groupOf(runbook: RunbookView): string {
    if (runbook.service) return runbook.service;
    const root = this.service.rootOf(runbook.folder);
    return root ? relativePath(root.folder.uri.path, runbook.folder) : runbook.folder;
  }

  protected buildModel(): TreeModel<RunbookNode> {
    const children = new Map<string, RunbookNode[]>();
    const byPath = new Map<string, RunbookNode>();
    const groups = new Map<string, RunbookNode>();
    for (const runbook of this.service.index.runbooks()) {
      const label = this.groupOf(runbook);
      let group = groups.get(label);
      if (!group) {
        group = { kind: 'group', id: `group:${label}`, label };
        groups.set(label, group);
        children.set(group.id, []);
      }
      const node: RunbookNode = { kind: 'runbook', id: `runbook:${runbook.path}`, path: runbook.path, parent: group };
      children.get(group.id)?.push(node);
      byPath.set(runbook.path, node);
    }
    const roots = [...groups.values()].sort((a, b) =>
      a.kind === 'group' && b.kind === 'group' ? a.label.localeCompare(b.label) : 0,
    );
    return { roots, children, byPath };
  }

  getParent(element: RunbookNode): RunbookNode | undefined {
    return element.kind === 'runbook' ? element.parent : undefined;
  }

  getTreeItem(element: RunbookNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = element.id;
      item.iconPath = new vscode.ThemeIcon('server-process');
      return item;
    }
    const runbook = this.service.index.runbook(element.path);
    const item = new vscode.TreeItem(runbook?.title ?? element.path, vscode.TreeItemCollapsibleState.None);
    item.id = element.id;
    if (!runbook) return item;
    const uri = this.service.uri(runbook.path);
    const review = runbook.reviewDue
      ? runbook.stale
        ? `stale: review was due ${runbook.reviewDue}`
        : `review by ${runbook.reviewDue}`
      : 'no review date';
    item.description = [review, runbook.owner].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(runbook.stale ? 'warning' : 'book');
    item.resourceUri = uri.with({ scheme: DECORATION_SCHEME });
    item.contextValue = 'cadence.runbook';
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(runbook.title);
    md.appendMarkdown('**\n\n');
    const facts = [
      runbook.service && `Service: ${runbook.service}`,
      runbook.owner && `Owner: ${runbook.owner}`,
      runbook.ownerSlack && `Slack: ${runbook.ownerSlack}`,
      runbook.severity && `Severity: ${runbook.severity}`,
      runbook.lastReviewed &&
        `Last reviewed: ${runbook.lastReviewed}${runbook.lastReviewedSource === 'git' ? ' (last git change)' : ''}`,
      runbook.reviewDue && `Review due: ${runbook.reviewDue}`,
    ].filter((x): x is string => Boolean(x));
    md.appendText(facts.join('\n'));
    item.tooltip = md;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }
}
