// Transpiles src/, test/ and bench/ TypeScript into out/ (CommonJS, one file per source file, no
// bundling) for mocha in plain Node and for the integration tests inside the extension host.
// Type checking is `npm run typecheck`; this step only strips types, so it takes well under a second.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFiles(dir) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures-out') continue;
    if (statSync(path).isDirectory()) found.push(...tsFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const entryPoints = ['src', 'test', 'bench'].flatMap(tsFiles);
// out/ is not wiped first (another test run may be reading it); instead, compiled files whose
// source is gone are removed afterwards.
await esbuild.build({
  entryPoints,
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
});
// Sources import package.json relative to src/ (for the version); give out/ the same shape.
copyFileSync('package.json', 'out/package.json');

function removeStale(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) removeStale(path);
    else if (name.endsWith('.js') && !existsSync(path.slice('out/'.length).replace(/\.js$/, '.ts'))) rmSync(path);
  }
}
for (const dir of ['out/src', 'out/test', 'out/bench']) removeStale(dir);
