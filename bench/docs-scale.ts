// Benchmark: decision records at scale (issue "at scale and under attack"), the four figures:
//   1. `cadence docs <folder> --format json` over 5,000 records, process against a plain Node process
//      that readFileSync's the same files; and the in-process cold index against a synchronous read.
//   2. Language server completion after `](00` (typed text varies), p50 / p95, against an empty
//      request round trip on the same connection.
//   3. Diagnostics after an edit (didChange → publishDiagnostics of that file), p50 / p95.
//   4. Heap after opening and closing a 50 MB document, against the heap before it.
//   npm run build:tests && node --expose-gc out/bench/docs-scale.js (times the packed @cadence-dev/cli)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type CompletionList, type ProtocolConnection } from 'vscode-languageserver/node';
import { DocsIndex, loadRoot } from '../src/core/docs/index';
import { nodeFileSystem } from '../src/node/docs/nodeFileSystem';
import { inMemoryServer } from './inMemoryServer';
import { pathToUri } from '../src/server/uris';

const COUNT = 5000;
const RUNS = 7;
const clock = { now: () => Date.UTC(2026, 10, 29) };

function record(n: number): string {
  const title = `Decision number ${n} about service ${n % 37}`;
  const body = `\n## Context\n\n${'We need to decide something about the system. '.repeat(12)}\n\n## Decision\n\n${'We will do the reasonable thing. '.repeat(8)}\n\n## Consequences\n\n${'Some things get easier, others harder. '.repeat(6)}\n`;
  if (n % 2 === 0) {
    const status =
      n % 10 === 0 ? `Superseded by [${n + 1}. Next](${String(n + 1).padStart(4, '0')}-madr-${n + 1}.md)` : 'Accepted';
    return `# ${n}. ${title}\n\nDate: 2024-02-01\n\n## Status\n\n${status}\n${body}`;
  }
  return `---\nstatus: proposed\ndate: 2024-03-01\ndecision-makers: [Ada, Grace]\ntags: [api, storage]\n---\n# ${title}\n${body}`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))];
const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

/** The baseline process: a plain Node script that lists the folder and readFileSync's every file. */
const READ_SCRIPT = `const fs=require('fs'),p=require('path');const f=process.argv[1];let b=0;for(const n of fs.readdirSync(f))b+=fs.readFileSync(p.join(f,n),'utf8').length;process.stdout.write(String(b));`;

/**
 * The floor, for scale (not the baseline): a plain Node script that reads every file as the baseline
 * does and also takes a title, a status and a date from each with one regex apiece, then prints
 * them as JSON. No index, no checks, no front-matter or Markdown parsing: less than any index does.
 */
const SCAN_SCRIPT = `const fs=require('fs'),p=require('path');const f=process.argv[1];const out=[];for(const n of fs.readdirSync(f)){const t=fs.readFileSync(p.join(f,n),'utf8');const h=/^# (.*)$/m.exec(t),s=/^(?:status:|## Status\\n\\n)\\s*(.*)$/im.exec(t),d=/^date:\\s*(.*)$/im.exec(t);out.push({path:p.join(f,n),title:h&&h[1],status:s&&s[1],date:d&&d[1]});}process.stdout.write(JSON.stringify(out));`;

function timeProcess(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return performance.now() - started;
}

function readAll(folder: string): number {
  let bytes = 0;
  for (const name of readdirSync(folder)) bytes += readFileSync(path.join(folder, name), 'utf8').length;
  return bytes;
}

async function coldIndex(root: string): Promise<number> {
  const started = performance.now();
  const index = new DocsIndex({ clock });
  await loadRoot(nodeFileSystem, index, root);
  index.problems();
  if (index.decisions().length !== COUNT) throw new Error(`indexed ${index.decisions().length}`);
  return performance.now() - started;
}

interface Server {
  client: ProtocolConnection;
  diagnostics: (uri: string, accept: (d: { code?: unknown }[]) => boolean) => Promise<void>;
  dispose(): void;
}

/** The server in this process over an in-memory JSON-RPC connection, default diagnostics delay. */
async function startInProcess(root: string): Promise<Server> {
  const { client, dispose } = inMemoryServer({ fileSystem: nodeFileSystem, clock });
  const waiters = new Map<string, (d: { code?: unknown }[]) => void>();
  client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code?: unknown }[] }) =>
    waiters.get(p.uri)?.(p.diagnostics),
  );
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
    workspaceFolders: [{ uri: pathToUri(root), name: 'bench' }],
  });
  await client.sendNotification('initialized', {});
  return {
    client,
    diagnostics: (uri, accept) =>
      new Promise((resolve) => {
        waiters.set(uri, (d) => {
          if (!accept(d)) return;
          waiters.delete(uri);
          resolve();
        });
      }),
    dispose,
  };
}

/** The CLI as users install it: `npm run pack:cli`'s tarball (production bundle and chunks), unpacked. */
function installedCli(into: string): string {
  const repo = path.resolve(__dirname, '..', '..');
  const packed = execFileSync(process.execPath, [path.join(repo, 'scripts', 'pack-cli.mjs'), into], {
    cwd: repo,
    encoding: 'utf8',
  });
  execFileSync('tar', ['xzf', packed.trim().split('\n').pop() ?? '', '-C', into]);
  return path.join(into, 'package', 'cadence.js');
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-scale-'));
  const packageDir = mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-cli-'));
  const cliJs = installedCli(packageDir);
  const folder = path.join(root, 'docs', 'decisions');
  mkdirSync(folder, { recursive: true });
  const file = (n: number): string =>
    path.join(folder, `${String(n).padStart(4, '0')}-${n % 2 === 0 ? 'nygard' : 'madr'}-${n}.md`);
  for (let n = 1; n <= COUNT; n++) writeFileSync(file(n), record(n));
  try {
    // 1. Cold index: process against process, then in process.
    readAll(folder);
    const cli: number[] = [];
    const bare: number[] = [];
    const scan: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      bare.push(timeProcess(['-e', READ_SCRIPT, folder]));
      cli.push(timeProcess([cliJs, 'docs', root, '--no-git', '--format', 'json']));
      scan.push(timeProcess(['-e', SCAN_SCRIPT, folder]));
    }
    const sync: number[] = [];
    const cold: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      readAll(folder);
      sync.push(performance.now() - started);
      started = performance.now();
      cold.push(await coldIndex(root));
    }
    console.log(`docs-scale: ${COUNT} records, medians of ${RUNS} interleaved runs`);
    console.log(`  plain node readFileSync process   ${ms(median(bare))}`);
    console.log(
      `  cadence docs --format json        ${ms(median(cli))}  ${(median(cli) / median(bare)).toFixed(2)}× (target ≤ 2×)`,
    );
    console.log(
      `  floor: read + 3 regexes + JSON     ${ms(median(scan))}  ${(median(scan) / median(bare)).toFixed(2)}× (for scale: no index, no checks)`,
    );
    console.log(`  read files, sync (in process)     ${ms(median(sync))}`);
    console.log(
      `  index cold (in process)           ${ms(median(cold))}  ${(median(cold) / median(sync)).toFixed(2)}× (target ≤ 2×)`,
    );

    // 2. Completion after `](00…`, typed text varying; baseline: a request that completes nothing.
    const server = await startInProcess(root);
    const own = file(4999);
    const uri = pathToUri(own);
    const text = `${record(4999)}\nSee [another](00`;
    const ready = server.diagnostics(uri, () => true);
    await server.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text },
    });
    await ready;
    const lastLine = text.split('\n').length - 1;
    const typedLine = (typed: string): string => `See [another](${typed}`;
    const complete = async (typed: string, version: number): Promise<CompletionList> => {
      await server.client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: `${record(4999)}\n${typedLine(typed)}` }],
      });
      return (await server.client.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: lastLine, character: typedLine(typed).length },
      })) as CompletionList;
    };
    const typings = ['', '0', '00', '001', '0012', '03', '042', 'madr', 'nygard-4', '4'];
    const completion: number[] = [];
    // CPU time of the whole exchange (client and server share this process): on a machine shared
    // with other work, wall time also counts waiting for a core.
    const completionCpu: number[] = [];
    const roundTrip: number[] = [];
    let version = 2;
    let items = 0;
    let bytes = 0;
    for (let i = 0; i < 300; i++) {
      const typed = typings[i % typings.length];
      let started = performance.now();
      const cpu = process.cpuUsage();
      const list = await complete(typed, version++);
      completion.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      completionCpu.push((used.user + used.system) / 1000);
      items = Math.max(items, list.items.length);
      bytes = Math.max(bytes, JSON.stringify(list).length);
      started = performance.now();
      await server.client.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      });
      roundTrip.push(performance.now() - started);
    }
    console.log(
      `  completion after ](00             p50 ${ms(median(completion))}, p95 ${ms(p95(completion))} (target ≤ 10 ms); at most ${items} items, ${(bytes / 1024).toFixed(0)} KiB`,
    );
    console.log(`  completion CPU time (both sides)  p50 ${ms(median(completionCpu))}, p95 ${ms(p95(completionCpu))}`);
    console.log(
      `  empty request round trip          p50 ${ms(median(roundTrip))}, p95 ${ms(p95(roundTrip))}; completion p95 ÷ round trip p95 ${(p95(completion) / p95(roundTrip)).toFixed(1)}×`,
    );

    // 3. Diagnostics after an edit: a status Cadence does not know appears, then goes.
    const edits: number[] = [];
    const editsCpu: number[] = [];
    for (let i = 0; i < 100; i++) {
      const unknown = i % 2 === 0;
      const body = record(4998).replace('Accepted', unknown ? `Parked ${i}` : 'Accepted');
      const edited = pathToUri(file(4998));
      const arrived = server.diagnostics(edited, (d) => d.some((x) => x.code === 'unknown-status') === unknown);
      const started = performance.now();
      const cpu = process.cpuUsage();
      if (i === 0)
        await server.client.sendNotification('textDocument/didOpen', {
          textDocument: { uri: edited, languageId: 'markdown', version: 1, text: body },
        });
      else
        await server.client.sendNotification('textDocument/didChange', {
          textDocument: { uri: edited, version: i + 1 },
          contentChanges: [{ text: body }],
        });
      await arrived;
      edits.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      editsCpu.push((used.user + used.system) / 1000);
    }
    console.log(
      `  diagnostics after an edit         p50 ${ms(median(edits))}, p95 ${ms(p95(edits))} (target ≤ 50 ms, 30 ms of it the debounce); CPU p50 ${ms(median(editsCpu))}, p95 ${ms(p95(editsCpu))}`,
    );

    // 4. A 50 MB document: opened, answered as too large, closed; the heap before and after.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const big = path.join(folder, '9999-huge.md');
    const bigUri = pathToUri(big);
    let huge: string | undefined =
      `# 9999. Huge\n\n## Status\n\nAccepted\n\n${'All work and no play. '.repeat(2_400_000)}`;
    const noted = server.diagnostics(bigUri, (d) => d.some((x) => x.code === 'file-too-large'));
    let started = performance.now();
    await server.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: huge },
    });
    huge = undefined; // the client's copy: only the server's memory is measured
    await noted;
    const openMs = performance.now() - started;
    started = performance.now();
    await complete('00', version++);
    const completionDuring = performance.now() - started;
    await server.client.sendNotification('textDocument/didClose', { textDocument: { uri: bigUri } });
    await server.client.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: 0 },
    });
    gc?.();
    const after = process.memoryUsage();
    const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MiB`;
    console.log(
      `  50 MB document                    open → diagnostic ${ms(openMs)}; a completion meanwhile ${ms(completionDuring)}`,
    );
    console.log(
      `  heap before / after close         ${mib(before.heapUsed)} / ${mib(after.heapUsed)}  ${(after.heapUsed / before.heapUsed).toFixed(2)}× (rss ${mib(before.rss)} / ${mib(after.rss)})${gc ? '' : ' — run with --expose-gc'}`,
    );
    server.dispose();
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(packageDir, { recursive: true, force: true });
  }
}

void main();
