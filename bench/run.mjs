// `npm run bench`: every benchmark, one after the other. Plain .mjs benchmarks run as they are;
// TypeScript ones (bench/*.ts) run compiled from out/bench/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const root = join(dir, '..');
spawnSync(process.execPath, [join(root, 'scripts', 'build-tests.mjs')], { cwd: root, stdio: 'inherit' });
const compiled = join(root, 'out', 'bench');
const inDir = (folder, ending, skip) =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((file) => file.endsWith(ending) && file !== skip)
        .map((file) => join(folder, file))
    : [];
const benchmarks = [...inDir(dir, '.mjs', 'run.mjs'), ...inDir(compiled, '.js')].sort();
let failed = 0;
for (const file of benchmarks) {
  console.log(`\n=== ${file.slice(root.length + 1)} ===`);
  const result = spawnSync(process.execPath, [file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
