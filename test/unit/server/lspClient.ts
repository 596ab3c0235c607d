import { type ChildProcess, spawn } from 'node:child_process';
import {
  type Diagnostic,
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { inMemoryServer } from '../../../bench/inMemoryServer';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';
import type { ServerDeps } from '../../../src/server/server';
import { pathToUri } from '../../../src/server/uris';
import { clock } from '../docs/fixtures';

/** The client side of a JSON-RPC connection to the server, with the diagnostics it received. */
export interface TestClient {
  connection: ProtocolConnection;
  diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the diagnostics of `path` once `accept` returns true for them. */
  diagnosticsFor(path: string, accept: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  initialize(roots: string[], options?: unknown): Promise<void>;
  open(path: string, text: string): void;
  change(path: string, version: number, text: string): void;
  dispose(): void;
}

function wrap(connection: ProtocolConnection, dispose: () => void): TestClient {
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters = new Set<() => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(params.uri, params.diagnostics);
    for (const waiter of [...waiters]) waiter();
  });
  // Dynamic registrations (the file watcher) are accepted like an editor would.
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  return {
    connection,
    diagnostics,
    diagnosticsFor(path, accept, timeoutMs = 5000) {
      const uri = pathToUri(path);
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const current = diagnostics.get(uri);
          if (current && accept(current)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(current);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching diagnostics for ${path} in ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.get(uri))}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async initialize(roots, options) {
      await connection.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
        workspaceFolders: roots.map((root) => ({ uri: pathToUri(root), name: root })),
        initializationOptions: options,
      });
      await connection.sendNotification('initialized', {});
    },
    open(path, text) {
      void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: pathToUri(path), languageId: 'markdown', version: 1, text },
      });
    },
    change(path, version, text) {
      void connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: pathToUri(path), version },
        contentChanges: [{ text }],
      });
    },
    dispose,
  };
}

/** A server started in this process over two in-memory streams: the real JSON-RPC path, no process. */
export function inProcessServer(deps: Partial<ServerDeps> = {}): TestClient {
  const { client, dispose } = inMemoryServer({ fileSystem: nodeFileSystem, clock, diagnosticsDelayMs: 5, ...deps });
  return wrap(client, dispose);
}

/** `node dist/server.js --stdio` as a real process, the way Neovim or Helix start it. */
export function processServer(serverJs: string): TestClient & { child: ChildProcess } {
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  return {
    ...wrap(client, () => {
      client.dispose();
      child.kill();
    }),
    child,
  };
}
