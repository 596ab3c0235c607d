import * as vscode from 'vscode';

/** A tree's nodes, built in one pass over the docs index. */
export interface TreeModel<N> {
  roots: N[];
  children: Map<string, N[]>;
  /** The node where each file is listed (not nested copies), for Reveal. */
  byPath: Map<string, N>;
}

/**
 * The part the Decisions and Runbooks views share: the model is built on first use after each
 * refresh and kept until the next, so expanding nodes never walks the index again.
 */
export abstract class ModelTreeProvider<N extends { id: string }> implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<N | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private cached: TreeModel<N> | undefined;

  protected abstract buildModel(): TreeModel<N>;

  protected model(): TreeModel<N> {
    return (this.cached ??= this.buildModel());
  }

  refresh(): void {
    this.cached = undefined;
    this.emitter.fire(undefined);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  getChildren(element?: N): N[] {
    const model = this.model();
    return element ? (model.children.get(element.id) ?? []) : model.roots;
  }

  /** The node where a file is listed (not its nested copies), for Reveal. */
  nodeFor(path: string): N | undefined {
    return this.model().byPath.get(path);
  }
}
