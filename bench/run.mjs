// `npm run bench`: every benchmark in bench/, one after the other.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
let failed = 0;
for (const name of readdirSync(dir)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .sort()) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [join(dir, name)], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
