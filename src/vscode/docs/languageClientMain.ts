// Entry of dist/languageClient.js: vscode-languageclient is bundled here, apart from
// dist/extension.js, so the extension's own bundle stays small and activation never parses it.
// src/vscode/docs/languageClient.ts loads this file when the first Markdown file opens.
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { TEMPLATE_MARKDOWN_GLOB } from '../../core/docs/markdownNames';

/** The client for dist/server.js over node IPC, for Markdown files on disk. */
export function createLanguageClient(serverModule: string, initializationOptions: unknown): LanguageClient {
  return new LanguageClient(
    'cadence.docs.languageServer',
    'Cadence Language Server',
    {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: {
        module: serverModule,
        transport: TransportKind.ipc,
        options: { execArgv: ['--nolazy', '--inspect=6019'] },
      },
    },
    {
      // Markdown behind a template extension (.md.erb, .md.j2, .mdx) has another language id
      // (`ruby` for .md.erb from VS Code's built-in Ruby support; jinja, mdx or plain text): it is
      // selected by its file name (test/integration/techDocs.test.ts).
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', pattern: TEMPLATE_MARKDOWN_GLOB },
      ],
      initializationOptions,
      // VS Code's own Markdown extension already outlines headings; a second provider would show
      // every heading twice in the Outline and breadcrumbs. Other editors get the server's.
      middleware: { provideDocumentSymbols: () => [] },
    },
  );
}
