// `npm run pack:cli`: the `cadence` command line alone as an npm package, @cadence-dev/cli (ADR 13).
// Builds the production CLI bundle, stages it with packages/cli/README.md, the LICENSE and a
// package.json (bin, a files allowlist, no dependencies: everything is in the bundle) under
// out/cli-package/, and runs `npm pack` there. Prints the tarball's path. Nothing is published.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'out', 'cli-package');
const destination = process.argv[2] ? resolve(process.argv[2]) : join(root, 'out');
const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
await esbuild.build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outdir: stage,
  entryNames: 'cadence',
  bundle: true,
  splitting: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "#!/usr/bin/env node\nconst importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
const pkg = {
  name: '@cadence-dev/cli',
  version: extension.version,
  description:
    'The cadence command line: decision records, runbooks, documentation duty, the weekly update and focus time, for terminals and CI.',
  license: extension.license,
  repository: extension.repository,
  bin: { cadence: 'cadence.js' },
  files: ['cadence.js', 'README.md', 'LICENSE'],
  engines: { node: extension.engines.node },
};
writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
copyFileSync(join(root, 'packages', 'cli', 'README.md'), join(stage, 'README.md'));
copyFileSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
mkdirSync(destination, { recursive: true });
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: stage, encoding: 'utf8' }),
);
console.log(join(destination, packed.filename));
