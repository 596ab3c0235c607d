// Bundle sizes (production build) and activate() time inside the real extension host, as the median
// of several fresh extension-host starts. Targets: dist/extension.js ≤ 300 KB, activate() ≤ 20 ms.
// The baseline for activation is the host's own cost of activating an extension: the time from
// `activate` being called to the API being returned is what Cadence adds.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runIntegration } from '../test/runner/runIntegration.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET_BUNDLE_KB = 300;
const TARGET_ACTIVATION_MS = 20;

execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: root, stdio: 'ignore' });
execFileSync(process.execPath, ['scripts/build-tests.mjs'], { cwd: root, stdio: 'ignore' });
const kb = (file) => statSync(join(root, 'dist', file)).size / 1024;
const sizes = { extension: kb('extension.js'), server: kb('server.js'), cli: kb('cli.js') };

const samples = [];
for (let i = 0; i < RUNS; i++) {
  let sample;
  const code = await runIntegration({
    quiet: true,
    testsEntry: join(root, 'out', 'bench', 'activation', 'entry.js'),
    onLine: (line) => {
      const match = line.match(/^cadence-bench (.*)$/);
      if (match) sample = JSON.parse(match[1]);
    },
  });
  if (code !== 0 || !sample) throw new Error(`activation run ${i + 1} failed (exit ${code})`);
  samples.push(sample.activationMs);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];

console.log(
  `dist/extension.js ${sizes.extension.toFixed(1)} KB (${(sizes.extension / TARGET_BUNDLE_KB).toFixed(2)}× of the ${TARGET_BUNDLE_KB} KB target)`,
);
console.log(`dist/server.js    ${sizes.server.toFixed(1)} KB`);
console.log(`dist/cli.js       ${sizes.cli.toFixed(1)} KB`);
console.log(
  `activate() median ${median.toFixed(2)} ms over ${RUNS} fresh extension hosts (${(median / TARGET_ACTIVATION_MS).toFixed(2)}× of the ${TARGET_ACTIVATION_MS} ms target); samples ${samples.map((s) => s.toFixed(2)).join(', ')}`,
);
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${sizes.extension.toFixed(1)} KB | ${sizes.server.toFixed(1)} KB | ${sizes.cli.toFixed(1)} KB | ${median.toFixed(2)} ms | ≤ ${TARGET_BUNDLE_KB} KB, ≤ ${TARGET_ACTIVATION_MS} ms |`,
);
// Leave development bundles behind, as the other scripts expect.
execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'ignore' });
