// The Cadence language server process: a thin adapter. vscode-languageserver picks the transport
// from argv (--stdio for any LSP editor, --node-ipc when VS Code starts it); everything else is in
// server.ts over the Node file system.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { lastChangeDates } from '../node/docs/git';
import { nodeFileSystem } from '../node/docs/nodeFileSystem';
import { nodePathEvidence } from '../node/docs/pathEvidence';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, {
  fileSystem: nodeFileSystem,
  clock: { now: () => Date.now() },
  lastChanges: (root, folders, gitPath) => lastChangeDates(root, folders, undefined, gitPath),
  pathEvidence: nodePathEvidence,
  logger: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) },
});
