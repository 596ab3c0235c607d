// Benchmark: index 5,000 generated decision records cold, against merely reading the same files in
// the same run (target ≤ 2×), and the time to apply one file change (target ≤ 5 ms).
//   npm run build:tests && node out/bench/docs-index.js
import { promises as fs, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocsIndex, loadRoot } from '../src/core/docs/index';
import { parseDecision } from '../src/core/docs/parse';
import { nodeFileSystem } from '../src/node/docs/nodeFileSystem';

const COUNT = 5000;
const RUNS = 7;
const clock = { now: () => Date.UTC(2026, 10, 22) };

function record(n: number): string {
  const title = `Decision number ${n} about service ${n % 37}`;
  const body = `\n## Context\n\n${'We need to decide something about the system. '.repeat(12)}\n\n## Decision\n\n${'We will do the reasonable thing. '.repeat(8)}\n\n## Consequences\n\n${'Some things get easier, others harder. '.repeat(6)}\n`;
  if (n % 2 === 0) {
    const status =
      n % 10 === 0 && n > 1 ? `Superseded by [${n + 1}. Next](${String(n + 1).padStart(4, '0')}-next.md)` : 'Accepted';
    return `# ${n}. ${title}\n\nDate: 2024-02-01\n\n## Status\n\n${status}\n${body}`;
  }
  return `---\nstatus: proposed\ndate: 2024-03-01\ndecision-makers: [Ada, Grace]\ntags: [api, storage]\n---\n# ${title}\n${body}`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

/** Baseline 1: list the folder and read every file the fastest plain way (synchronous). */
function readAll(folder: string): number {
  let bytes = 0;
  for (const name of readdirSync(folder)) bytes += readFileSync(path.join(folder, name), 'utf8').length;
  return bytes;
}

/** Baseline 2: the same with the promise API, 16 reads in flight (how an editor reads a workspace). */
async function readAllAsync(folder: string): Promise<number> {
  const names = await fs.readdir(folder);
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < names.length) bytes += (await fs.readFile(path.join(folder, names[next++]), 'utf8')).length;
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return bytes;
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cadence-bench-docs-'));
  const folder = path.join(root, 'docs', 'decisions');
  mkdirSync(folder, { recursive: true });
  const file = (n: number): string =>
    path.join(folder, `${String(n).padStart(4, '0')}-${n % 2 === 0 ? 'nygard' : 'madr'}-${n}.md`);
  for (let n = 1; n <= COUNT; n++) writeFileSync(file(n), record(n));
  try {
    readAll(folder); // warm the page cache for both sides
    const readTimes: number[] = [];
    const asyncTimes: number[] = [];
    const indexTimes: number[] = [];
    let index = new DocsIndex({ clock });
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      readAll(folder);
      readTimes.push(performance.now() - started);
      started = performance.now();
      await readAllAsync(folder);
      asyncTimes.push(performance.now() - started);
      started = performance.now();
      index = new DocsIndex({ clock });
      await loadRoot(nodeFileSystem, index, root);
      index.problems();
      indexTimes.push(performance.now() - started);
    }
    if (index.decisions().length !== COUNT)
      throw new Error(`indexed ${index.decisions().length} records, expected ${COUNT}`);

    // Where the time goes: parsing alone, from memory (no I/O).
    const texts = Array.from({ length: COUNT }, (_, i) => [file(i + 1), record(i + 1)] as const);
    const parseTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      for (const [p, text] of texts) parseDecision(p, text, folder);
      parseTimes.push(performance.now() - started);
    }

    // One file change: re-parse that file and recompute the cross-file problems (no rescan).
    const changeTimes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const n = 1 + ((i * 7919) % COUNT);
      const text = record(n).replace('Decision number', `Decision (edit ${i}) number`);
      const started = performance.now();
      index.setDecision(file(n), text, folder);
      index.problemsFor(file(n));
      changeTimes.push(performance.now() - started);
    }
    const read = median(readTimes);
    const cold = median(indexTimes);
    const change = median(changeTimes);
    // Medians, and minimums: on a shared machine the minimum is the least disturbed run.
    const readAsync = median(asyncTimes);
    const min = (values: number[]): number => Math.min(...values);
    const ms = (values: number[]): string => `${min(values).toFixed(0)} / ${median(values).toFixed(0)} ms`.padStart(16);
    console.log(`docs-index: ${COUNT} records, min / median of ${RUNS} runs`);
    console.log(`  read files, sync            ${ms(readTimes)}`);
    console.log(`  read files, async (16)      ${ms(asyncTimes)}`);
    console.log(`  parse only, from memory     ${ms(parseTimes)}`);
    console.log(
      `  index cold                  ${ms(indexTimes)}  ${(min(indexTimes) / min(asyncTimes)).toFixed(2)}× / ${(cold / readAsync).toFixed(2)}× async read, ${(min(indexTimes) / min(readTimes)).toFixed(1)}× / ${(cold / read).toFixed(1)}× sync read (target ≤ 2×)`,
    );
    console.log(
      `  apply one file change       ${change.toFixed(2)} ms median, ${percentile(changeTimes, 95).toFixed(2)} ms p95 (target ≤ 5 ms)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

void main();
