// Benchmark: the language server's cold start with initial diagnostics for 5,000 generated records,
// against the docs index's own cold build of the same folder in the same run.
//   npm run build && npm run build:tests && node out/bench/language-server.js
// "process": spawn `node dist/server.js --stdio`, initialize, and wait until every expected file's
// diagnostics have arrived (process start, module load, discovery, parse, JSON-RPC included).
// "in process": the same over an in-memory connection, which isolates the server's own cost.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { DocsIndex, loadRoot } from '../src/core/docs/index';
import { nodeFileSystem } from '../src/node/docs/nodeFileSystem';
import { inMemoryServer } from './inMemoryServer';
import { pathToUri } from '../src/server/uris';

const COUNT = 5000;
const RUNS = 5;
const clock = { now: () => Date.UTC(2026, 10, 22) };

/** Records in both main formats; every 10th has a status Cadence does not know (a diagnostic). */
function record(n: number): string {
  const body = `\n## Context\n\n${'We need to decide something about the system. '.repeat(12)}\n\n## Decision\n\n${'We will do the reasonable thing. '.repeat(8)}\n`;
  const status = n % 10 === 0 ? 'Parked until later' : 'Accepted';
  if (n % 2 === 0) return `# ${n}. Decision ${n}\n\nDate: 2024-02-01\n\n## Status\n\n${status}\n${body}`;
  return `---\nstatus: ${status.toLowerCase()}\ndate: 2024-03-01\n---\n# Decision ${n}\n${body}`;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Initializes a client and resolves when `expected` files have diagnostics. */
async function coldDiagnostics(client: ProtocolConnection, root: string, expected: number): Promise<void> {
  const seen = new Set<string>();
  const done = new Promise<void>((resolve) => {
    client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      if (p.diagnostics.length > 0) seen.add(p.uri);
      if (seen.size >= expected) resolve();
    });
  });
  client.onNotification('window/logMessage', (p: { message: string }) => {
    if (process.env.CADENCE_BENCH_VERBOSE) console.log(`  server: ${p.message}`);
  });
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
    workspaceFolders: [{ uri: pathToUri(root), name: 'bench' }],
  });
  await client.sendNotification('initialized', {});
  await done;
}

async function viaProcess(serverJs: string, root: string, expected: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const client = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  await coldDiagnostics(client, root, expected);
  const ms = performance.now() - started;
  client.dispose();
  child.kill();
  return ms;
}

async function inProcess(root: string, expected: number): Promise<number> {
  const started = performance.now();
  const { client, dispose } = inMemoryServer({ fileSystem: nodeFileSystem, clock, diagnosticsDelayMs: 0 });
  await coldDiagnostics(client, root, expected);
  const ms = performance.now() - started;
  dispose();
  return ms;
}

/** Baseline 2: the same cold index in a fresh process (`cadence docs --no-git`), JIT as cold as the server's. */
async function cliCold(cliJs: string, root: string): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cliJs, 'docs', root, '--no-git', '--format', 'json'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
  return performance.now() - started;
}

async function indexCold(root: string): Promise<number> {
  const started = performance.now();
  const index = new DocsIndex({ clock });
  await loadRoot(nodeFileSystem, index, root);
  index.problems();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const serverJs = path.resolve(__dirname, '..', '..', 'dist', 'server.js');
  const cliJs = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const root = mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-lsp-'));
  const folder = path.join(root, 'docs', 'decisions');
  mkdirSync(folder, { recursive: true });
  for (let n = 1; n <= COUNT; n++)
    writeFileSync(path.join(folder, `${String(n).padStart(4, '0')}-d-${n}.md`), record(n));
  const expected = COUNT / 10;
  try {
    await indexCold(root); // warm the page cache
    const index: number[] = [];
    const proc: number[] = [];
    const inproc: number[] = [];
    const cli: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      index.push(await indexCold(root));
      inproc.push(await inProcess(root, expected));
      proc.push(await viaProcess(serverJs, root, expected));
      cli.push(await cliCold(cliJs, root));
    }
    const line = (name: string, values: number[]): string =>
      `${name}: min ${Math.min(...values).toFixed(0)} ms, median ${median(values).toFixed(0)} ms`;
    console.log(`${COUNT} records, ${expected} with diagnostics, ${RUNS} interleaved runs`);
    console.log(line('index cold (baseline)', index));
    console.log(line('cadence docs process (baseline 2)', cli));
    console.log(line('server in process, cold + diagnostics', inproc));
    console.log(line('server process (spawn → diagnostics)', proc));
    console.log(
      `ratio in process ÷ index: ${(median(inproc) / median(index)).toFixed(2)}×; process ÷ index: ${(median(proc) / median(index)).toFixed(2)}×; process ÷ cadence docs process: ${(median(proc) / median(cli)).toFixed(2)}×`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
