import { createRequire } from 'node:module';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type * as ClientBundle from './languageClientMain';
import type { ServerSettings } from '../../shared/docsSettings';
import { isMarkdownName } from '../../core/docs/markdownNames';
import { vscodeGitPath } from '../gitPath';
import { languageServerEnabled, readDocsSettings } from './settings';

const SETTING = 'cadence.docs.languageServer';

function wanted(document: vscode.TextDocument): boolean {
  return (document.languageId === 'markdown' || isMarkdownName(document.uri.path)) && document.uri.scheme === 'file';
}

/**
 * Starts the Cadence language server (dist/server.js over node IPC) the first time a Markdown file
 * is open — never inside activate: the client library is imported only then. `cadence.docs.
 * languageServer` turns it off and on without a reload; other `cadence.docs` settings are pushed
 * to the running server. The server only reads files, so untrusted workspaces are fine.
 */
export function registerLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  let client: LanguageClient | undefined;
  let starting: Promise<void> | undefined;
  let disposed = false;

  // The server runs git only in a trusted workspace (a repository's git config can run commands).
  const serverSettings = (): ServerSettings => ({
    ...readDocsSettings(),
    git: vscode.workspace.isTrusted,
    gitPath: vscodeGitPath(),
  });
  const enabled = languageServerEnabled;

  const start = (): Promise<void> => {
    starting ??= (async () => {
      // A separate bundle (see languageClientMain.ts), loaded only now.
      const load = createRequire(__filename);
      const bundle = load(context.asAbsolutePath('dist/languageClient.js')) as typeof ClientBundle;
      if (disposed || !enabled()) return;
      const created = bundle.createLanguageClient(context.asAbsolutePath('dist/server.js'), serverSettings());
      client = created;
      const started = performance.now();
      await created.start();
      // Turned off (or the extension went away) while starting: do not leave it running.
      if (disposed || !enabled()) {
        await stop();
        return;
      }
      log.info(`Cadence language server started in ${(performance.now() - started).toFixed(0)} ms`);
    })().catch((error: unknown) => {
      client = undefined;
      starting = undefined;
      if (disposed || !enabled()) return; // stopped on purpose while starting
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      log.error(`Cadence language server did not start: ${reason}`);
      void vscode.window.showWarningMessage(
        `Cadence: the language server did not start (${reason}); decision-record diagnostics are off. See the Cadence log.`,
      );
    });
    return starting;
  };

  const stop = async (): Promise<void> => {
    const running = client;
    client = undefined;
    starting = undefined;
    if (running) await running.dispose(2000).catch(() => undefined);
  };

  const maybeStart = (): void => {
    if (!disposed && enabled() && !starting && vscode.workspace.textDocuments.some(wanted)) void start();
  };

  const subscriptions = [
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification('workspace/didChangeConfiguration', {
        settings: { cadence: { docs: serverSettings() } },
      });
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (wanted(document)) maybeStart();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTING)) {
        if (enabled()) maybeStart();
        else void stop();
      } else if (event.affectsConfiguration('cadence.docs') || event.affectsConfiguration('files.exclude')) {
        void client?.sendNotification('workspace/didChangeConfiguration', {
          settings: { cadence: { docs: serverSettings() } },
        });
      }
    }),
  ];
  // Markdown files restored with the window: look once activation has returned.
  const timer = setTimeout(maybeStart, 0);
  return {
    dispose: () => {
      disposed = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      void stop();
    },
  };
}
