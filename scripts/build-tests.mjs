// Compiles the tests for mocha: each test file (and the integration entry, and TypeScript benchmarks)
// becomes one CommonJS bundle under out/, with the source it tests bundled in — the same way esbuild
// bundles the product, so ESM-only dependencies (conventional-commits-parser, Octokit) load exactly
// as they do in dist/. `vscode`, mocha and Playwright stay external. Type checking is
// `npm run typecheck`; this step only strips types and takes about a second.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir, keep) {
  const found = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(path).isDirectory()) found.push(...files(path, keep));
    else if (keep(path)) found.push(path);
  }
  return found;
}

const entryPoints = [
  ...files('test', (path) => path.endsWith('.test.ts')),
  'test/integration/index.ts',
  ...files('bench', (path) => path.endsWith('.ts') && !path.endsWith('.d.ts')),
];
await esbuild.build({
  entryPoints,
  outdir: 'out',
  outbase: '.',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'esbuild'],
  sourcemap: 'inline',
  sourcesContent: false,
  logLevel: 'warning',
  // Same shim as esbuild.config.mjs: ESM dependencies that read import.meta.url.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});

// out/ is not wiped first (another test run may be reading it); compiled files whose entry point is
// gone are removed instead, so a deleted test does not keep running.
const expected = new Set(entryPoints.map((path) => join('out', path.replace(/\.ts$/, '.js'))));
for (const path of files('out', (path) => path.endsWith('.js'))) {
  if (!expected.has(path)) rmSync(path);
}
mkdirSync('out', { recursive: true });
if (existsSync('package.json')) copyFileSync('package.json', 'out/package.json');
