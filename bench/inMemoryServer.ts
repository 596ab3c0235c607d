// The language server started in this process over two in-memory streams — the real JSON-RPC path
// without a process — shared by the benchmarks that time the server itself and the server's unit tests.
import { PassThrough } from 'node:stream';
import {
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createConnection,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { type ServerDeps, startServer } from '../src/server/server';

export function inMemoryServer(deps: ServerDeps): { client: ProtocolConnection; dispose(): void } {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(server, deps);
  const client = createProtocolConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  return {
    client,
    dispose: () => {
      client.dispose();
      server.dispose();
      up.end();
      down.end();
    },
  };
}
