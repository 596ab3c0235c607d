// Benchmark: what a hostile repository costs `cadence docs` (time and peak memory), against the
// same command over a clean folder with as many ordinary records, in the same run.
//   npm run build && node bench/hostile-input.mjs
// The hostile workspace (test/fixtures/docs-hostile.mjs --copies 5) holds five front matters of
// `title: ` + 500 `{`, five alias bombs, a named pipe, links to a pipe, /dev/zero, /dev/stdin and a
// file outside the workspace, an `.adr-dir` naming a parent, a non-UTF-8 file and a 2 MiB file,
// and five site folders (a mkdocs.yml with 500 `{`, an alias-bomb catalog-info.yaml, a
// .log4brains.yml of 200,000 `{`).
// Each run is a fresh process (process start included); medians of RUNS interleaved runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 7;
const TIMEOUT_MS = 60_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'cadence-bench-hostile-'));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

try {
  const hostile = join(work, 'hostile');
  const built = spawnSync(process.execPath, [
    join(root, 'test', 'fixtures', 'docs-hostile.mjs'),
    hostile,
    '--copies',
    '5',
  ]);
  if (built.status !== 0) throw new Error(`docs-hostile.mjs failed: ${built.stderr}`);
  const hostileRoot = join(hostile, 'workspace');
  const entries = readdirSync(join(hostileRoot, 'docs', 'decisions')).length;
  // The clean baseline: as many ordinary records, in the same layout.
  const clean = join(work, 'clean', 'docs', 'decisions');
  mkdirSync(clean, { recursive: true });
  for (let n = 1; n <= entries; n++) {
    writeFileSync(
      join(clean, `${String(n).padStart(4, '0')}-record.md`),
      `# ${n}. Record ${n}\n\n## Status\n\nAccepted\n`,
    );
  }
  // Peak memory of the child, reported by the child itself as it exits.
  const preload = join(work, 'maxrss.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => process.stderr.write(`\\nmaxrss=${process.resourceUsage().maxRSS}\\n`));\n",
  );
  const run = (folder) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['-r', preload, cli, 'docs', folder, '--no-git', '--format', 'json'], {
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const ms = performance.now() - started;
    if (result.error) throw new Error(`cadence docs ${folder}: ${result.error.message} after ${ms.toFixed(0)} ms`);
    const kib = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1]);
    return { ms, mib: kib / 1024, out: result.stdout };
  };
  const times = { hostile: [], clean: [] };
  const memory = { hostile: [], clean: [] };
  let problems = 0;
  for (let i = 0; i < RUNS; i++) {
    const a = run(hostileRoot);
    const b = run(join(work, 'clean'));
    times.hostile.push(a.ms);
    memory.hostile.push(a.mib);
    times.clean.push(b.ms);
    memory.clean.push(b.mib);
    problems = JSON.parse(a.out).problems.length;
  }
  const th = median(times.hostile);
  const tc = median(times.clean);
  const mh = median(memory.hostile);
  const mc = median(memory.clean);
  console.log(`hostile-input: cadence docs --format json, ${entries} entries, median of ${RUNS} fresh processes`);
  console.log(`  clean folder            ${tc.toFixed(0).padStart(6)} ms  ${mc.toFixed(1).padStart(7)} MiB peak`);
  console.log(
    `  hostile workspace       ${th.toFixed(0).padStart(6)} ms  ${mh.toFixed(1).padStart(7)} MiB peak  (${problems} problems reported)`,
  );
  console.log(
    `  ratio                   ${(th / tc).toFixed(2).padStart(6)}×     ${(mh / mc).toFixed(2).padStart(6)}×  (target ≤ 2×)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
