// `npm run pack:cli`: the `cadence` command line alone as an npm package, @cadence-dev/cli (ADR 13).
// Builds the production CLI bundle and its lazy chunks, stages them with packages/cli/README.md, the
// LICENSE and a package.json (bin, a files allowlist, no dependencies: everything is bundled) under
// out/cli-package/, and runs `npm pack` there. Prints the tarball's path. Nothing is published.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { lazyChunks, lazyChunksPlugin } from './lazyChunks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'out', 'cli-package');
const destination = process.argv[2] ? resolve(process.argv[2]) : join(root, 'out');
const extension = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
/**
 * The bundle and its lazy chunks, as dist/ has them (scripts/lazyChunks.mjs): `cadence draft` never
 * parses markdown-it, yaml, Handlebars, Octokit or the Slack client. Each chunk the CLI requires is
 * built too, and the chunks they require, until none is missing.
 */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  supported: { 'dynamic-import': false },
  plugins: [lazyChunksPlugin],
};
const sourceOf = new Map(Object.entries(lazyChunks).map(([source, chunk]) => [chunk, source]));
const files = ['cadence.js'];
const pending = [{ source: 'src/cli/main.ts', file: 'cadence.js' }];
while (pending.length > 0) {
  const { source, file } = pending.shift();
  const banner = file === 'cadence.js' ? `#!/usr/bin/env node\n${common.banner.js}` : common.banner.js;
  const { metafile } = await esbuild.build({
    ...common,
    entryPoints: [join(root, source)],
    outfile: join(stage, file),
    banner: { js: banner },
  });
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      const chunk = external && path.startsWith('./') ? path.slice(2) : undefined;
      if (!chunk || files.includes(chunk)) continue;
      if (!sourceOf.has(chunk)) throw new Error(`${file} requires ${path}, which is not a lazy chunk`);
      files.push(chunk);
      pending.push({ source: sourceOf.get(chunk), file: chunk });
    }
  }
}
const pkg = {
  name: '@cadence-dev/cli',
  version: extension.version,
  description:
    'The cadence command line: decision records, runbooks, documentation duty, the weekly update and focus time, for terminals and CI.',
  license: extension.license,
  repository: extension.repository,
  bin: { cadence: 'cadence.js' },
  files: [...files, 'README.md', 'LICENSE'],
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
