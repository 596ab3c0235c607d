import * as vscode from 'vscode';
import { ModelTreeProvider, type TreeModel } from './modelTree';
import { relativePath } from '../../core/docs/paths';
import { type RunbookSort, groupLabel, groupRunbooks } from '../../core/docs/runbookGroups';
import { DECORATION_SCHEME } from './decisionsTree';
import type { DocsService } from './docsService';
import { readDocsSettings } from './settings';

export type RunbookNode =
  | { kind: 'group'; id: string; label: string; stale: number }
  | { kind: 'runbook'; id: string; path: string; parent: RunbookNode };

/**
 * The Runbooks view: grouped by front matter `service`, else by folder (a folder whose runbooks name
 * one service joins that service), counts in the group labels, sorted by `cadence.docs.runbookSort`.
 */
export class RunbooksTreeProvider
  extends ModelTreeProvider<RunbookNode>
  implements vscode.TreeDataProvider<RunbookNode>
{
  constructor(private readonly service: DocsService) {
    super();
  }

  /** A folder or file as the workspace folder sees it ("runbooks/payments"); the root by its name. */
  private folderLabel(path: string): string {
    const root = this.service.rootOf(path);
    return root ? relativePath(root.folder.uri.path, path) || root.folder.name : path;
  }

  protected buildModel(): TreeModel<RunbookNode> {
    const children = new Map<string, RunbookNode[]>();
    const byPath = new Map<string, RunbookNode>();
    const roots: RunbookNode[] = [];
    const sort = readDocsSettings().runbookSort as RunbookSort;
    for (const group of groupRunbooks(this.service.index.runbooks(), (f) => this.folderLabel(f), sort)) {
      // The id is the name alone: a changed count keeps the group's expanded state.
      const node: RunbookNode = {
        kind: 'group',
        id: `group:${group.name}`,
        label: groupLabel(group),
        stale: group.stale,
      };
      roots.push(node);
      const list = group.runbooks.map((runbook): RunbookNode => ({
        kind: 'runbook',
        id: `runbook:${runbook.path}`,
        path: runbook.path,
        parent: node,
      }));
      children.set(node.id, list);
      for (const item of list) if (item.kind === 'runbook') byPath.set(item.path, item);
    }
    return { roots, children, byPath };
  }

  getParent(element: RunbookNode): RunbookNode | undefined {
    return element.kind === 'runbook' ? element.parent : undefined;
  }

  getTreeItem(element: RunbookNode): vscode.TreeItem {
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = element.id;
      if (element.stale > 0) item.description = `${element.stale} stale`;
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
      `File: ${this.folderLabel(runbook.path)}`,
    ].filter((x): x is string => Boolean(x));
    md.appendText(facts.join('\n'));
    item.tooltip = md;
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri] };
    return item;
  }
}
