// Production build + `vsce package` → cadence-<version>.vsix in the project root. The bundles hold
// every dependency, so node_modules is not packaged (--no-dependencies).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = `cadence-${version}.vsix`;
execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(
  process.execPath,
  [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
console.log(`packaged ${out}`);
