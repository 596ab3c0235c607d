import {
  type CancellationToken,
  CodeActionKind,
  type Connection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Clock } from '../core/clock';
import type { DocsFileSystem } from '../core/docs/discovery';
import { codeActions } from './codeActions';
import { complete, resolveCompletion } from './completion';
import { type DiagnosticsPolicy, DiagnosticsPublisher } from './diagnostics';
import type { PathEvidencePort } from '../core/docs/history';
import { findGuides } from '../core/docs/guides';
import { PathDiagnostics, pathFixes } from './pathDiagnostics';
import { definition, documentSymbols, hover } from './navigation';
import { pathToUri, uriToPath } from './uris';
import { MARKDOWN_GLOB } from '../core/docs/markdownNames';
import { CONFIG_GLOB } from '../core/docs/configNames';
import { readDiagnosticLevels } from '../core/docs/levels';
import { type ServerSettings, readServerSettings } from '../shared/docsSettings';
import { DocsWorkspace, type LastChanges } from '../core/docs/workspace';

/** Where the server writes what it does (the client's output channel, or stderr). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface ServerDeps {
  fileSystem: DocsFileSystem;
  clock: Clock;
  logger?: Logger;
  /** Runbooks' last git change (main.ts: src/node/docs/git.ts); none: no git fallback. */
  lastChanges?: LastChanges;
  /** Milliseconds to coalesce changes before publishing diagnostics. */
  diagnosticsDelayMs?: number;
  /** Quiet time after a watched git file changed before HEAD is checked (ms; a burst is one check). */
  headDelayMs?: number;
  /** Existence and git evidence for broken path references and drift (main.ts: src/node/docs). */
  pathEvidence?: PathEvidencePort;
}

/** The calendar day where the server runs (the editor's machine), as yyyy-mm-dd: not UTC's. */
function localDay(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function policyOf(settings: ServerSettings): DiagnosticsPolicy {
  return {
    levels: readDiagnosticLevels(settings.diagnostics),
    openFilesOnly: new Set(settings.diagnosticsOpenFilesOnly),
  };
}

/** Globs the client watches for the server: records, runbooks and the discovery config files. */
/** A commit, checkout, pull or reset moves one of these: the path evidence is read again. */
export const GIT_HEAD_GLOB = '**/.git/{HEAD,refs/heads/**}';

export const WATCHED_GLOBS = [MARKDOWN_GLOB, CONFIG_GLOB, GIT_HEAD_GLOB];

/**
 * The Cadence language server on an existing connection: one DocsIndex for every workspace root,
 * updated one file at a time, with diagnostics, completion, hover, definition, document symbols
 * and quick fixes over it. `main.ts` only creates the connection (stdio or node-ipc).
 */
export function startServer(connection: Connection, deps: ServerDeps): void {
  const logger: Logger = deps.logger ?? { info: () => undefined, warn: () => undefined };
  const documents = new TextDocuments(TextDocument);
  /** The client's own URI spelling for open documents (diagnostics must use it). */
  const openUris = new Map<string, string>();
  const uriOf = (path: string): string => openUris.get(path) ?? pathToUri(path);
  let watchDynamically = false;
  let workspaceFolderEvents = false;
  let workspace: DocsWorkspace | undefined;
  /** Called when a watched git file changed (set once the path evidence exists). */
  let headChanged = (): void => undefined;
  /** Reads the path evidence of `roots` for every doc the index and the guides know, then republishes. */
  const readEvidence = async (paths: PathDiagnostics, roots: string[], git: boolean): Promise<void> => {
    const index = ws().index;
    const guides = (await Promise.all(roots.map((r) => findGuides(deps.fileSystem, r)))).flat();
    const docPaths = [...index.decisions(), ...index.runbooks(), ...guides].map((d) => d.path);
    const docs: { path: string; text: string }[] = [];
    for (const path of new Set(docPaths)) {
      const text = await ws().text(path);
      if (text !== undefined) docs.push({ path, text });
    }
    await paths.refresh(roots, docs, git);
    diagnostics?.schedule();
  };
  let diagnostics: DiagnosticsPublisher | undefined;
  let policy: DiagnosticsPolicy = policyOf(readServerSettings(undefined));

  const ws = (): DocsWorkspace => {
    if (!workspace) throw new Error('The Cadence language server is not initialized.');
    return workspace;
  };

  connection.onInitialize((params) => {
    const settings = readServerSettings(params.initializationOptions);
    policy = policyOf(settings);
    const changed = (paths?: string[]): void => diagnostics?.schedule(paths);
    workspace = new DocsWorkspace(
      deps.fileSystem,
      deps.clock,
      settings,
      changed,
      (m) => logger.warn(m),
      deps.lastChanges,
    );
    const paths = deps.pathEvidence ? new PathDiagnostics(deps.pathEvidence, deps.clock) : undefined;
    diagnostics = new DiagnosticsPublisher(
      connection,
      workspace,
      uriOf,
      deps.diagnosticsDelayMs ?? 30,
      paths
        ? (path, text, problems) =>
            paths.diagnostics(
              path,
              text,
              new Set(problems.filter((p) => (p.code as string) === 'broken-link').map((p) => p.line)),
            )
        : undefined,
      () => policy,
    );
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const roots = folders.map(uriToPath).filter((p): p is string => p !== undefined);
    const started = deps.clock.now();
    void workspace.setRoots(roots).then(async () => {
      const index = ws().index;
      logger.info(
        `Cadence language server: ${index.decisions().length} decision records, ${index.runbooks().length} runbooks in ${roots.length} folder(s), ${deps.clock.now() - started} ms`,
      );
      // Path evidence after the index: renames and drift for every doc, then diagnostics again.
      if (paths) await readEvidence(paths, roots, settings.git);
    });
    if (paths) {
      // HEAD moved (the watched .git files changed): read the evidence again if it really did, once
      // for a burst of events and never two reads at a time.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let running: Promise<void> | undefined;
      let again = false;
      const check = async (): Promise<void> => {
        do {
          again = false;
          if (await paths.headMoved()) await readEvidence(paths, ws().rootPaths(), settings.git);
        } while (again);
      };
      headChanged = () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (running) again = true;
          else running = check().finally(() => (running = undefined));
        }, deps.headDelayMs ?? 300);
      };
    }
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['(', ' ', ':', '/'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: workspaceFolderEvents
          ? { workspaceFolders: { supported: true, changeNotifications: true } }
          : undefined,
      },
      serverInfo: { name: 'cadence-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        const added = event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
        const roots = [
          ...ws()
            .rootPaths()
            .filter((p) => !removed.has(p)),
          ...added,
        ];
        void ws().setRoots(roots);
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    // Clients that push settings send { cadence: { docs: {...} } }; anything else is ignored.
    const cadence = (params.settings as { cadence?: { docs?: unknown } } | null)?.cadence;
    if (!workspace || !cadence?.docs) return;
    const settings = readServerSettings(cadence.docs);
    policy = policyOf(settings);
    // Rediscovery publishes every file again, with the new levels.
    void workspace.setSettings(settings);
  });

  documents.onDidChangeContent(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path || !workspace) return;
    openUris.set(path, document.uri);
    void workspace.setOpen(path, document.getText());
  });
  documents.onDidClose(({ document }) => {
    const path = uriToPath(document.uri);
    if (!path || !workspace) return;
    openUris.delete(path);
    void workspace.close(path);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (!workspace) return;
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      if (path.includes('/.git/')) {
        headChanged();
        continue;
      }
      if (change.type === FileChangeType.Deleted) void workspace.fileDeleted(path);
      else void workspace.fileChanged(path);
    }
  });

  /**
   * The open document's path and text, after pending index updates have been applied; undefined for
   * a document over `maxFileSize` (never parsed). A request the client cancelled while it waited for
   * the index ends there, with the cancellation error LSP asks for.
   */
  const opened = async (uri: string, token: CancellationToken): Promise<{ path: string; text: string } | undefined> => {
    const document = documents.get(uri);
    const path = uriToPath(uri);
    if (!document || !path || !workspace) return undefined;
    await workspace.settled();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (workspace.isTooLarge(path)) return undefined;
    return { path, text: document.getText() };
  };

  connection.onCompletion(async ({ textDocument, position }, token) => {
    const doc = await opened(textDocument.uri, token);
    return doc ? complete(ws().index, doc.path, doc.text, position) : null;
  });
  connection.onCompletionResolve((item) => (workspace ? resolveCompletion(workspace.index, item) : item));
  connection.onHover(async ({ textDocument, position }, token) => {
    const doc = await opened(textDocument.uri, token);
    return doc ? hover(ws().index, doc.path, doc.text, position) : null;
  });
  connection.onDefinition(async ({ textDocument, position }, token) => {
    const doc = await opened(textDocument.uri, token);
    return doc ? definition(ws().index, doc.path, doc.text, position) : null;
  });
  connection.onDocumentSymbol(async ({ textDocument }, token) => {
    const doc = await opened(textDocument.uri, token);
    return doc ? documentSymbols(doc.text) : null;
  });
  connection.onCodeAction(async ({ textDocument, range, context }, token) => {
    const doc = await opened(textDocument.uri, token);
    if (!doc) return null;
    const current = ws();
    const fixes = pathFixes(textDocument.uri, context.diagnostics);
    return [
      ...fixes,
      ...(await codeActions(
        { index: current.index, text: (p) => current.text(p), uriOf, today: () => localDay(deps.clock.now()) },
        doc.path,
        range,
        context.diagnostics,
      )),
    ];
  });

  connection.onShutdown(() => diagnostics?.dispose());
  documents.listen(connection);
  connection.listen();
}
