// The Cadence language server, over stdio (or node IPC when VS Code starts it). Decision-record
// features register on this connection as they land; the server itself stays a thin adapter.
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental },
  serverInfo: { name: 'cadence-language-server' },
}));

documents.listen(connection);
connection.listen();
