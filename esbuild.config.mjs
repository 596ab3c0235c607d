// The bundles: the extension (loaded by VS Code) and its lazy chunks (scripts/lazyChunks.mjs), the
// language server (spawned by the extension or run over stdio by any LSP editor), its client (loaded when the first Markdown file opens) and the
// `cadence` CLI. Production builds are minified without source maps; development builds keep source
// maps so stack traces point at the TypeScript.
import * as esbuild from 'esbuild';
import { lazyChunks, lazyChunksPlugin } from './scripts/lazyChunks.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // Some dependencies ship ESM that reads import.meta.url; in a CJS bundle that is undefined, so
  // give it the bundle's own file URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  // A lazy chunk's `import('./chunk.js')` becomes `require('./chunk.js')`: every bundle is CommonJS,
  // and a real dynamic import starts Node's ES module loader (resolution, a CommonJS lexer pass
  // over the chunk), which cost the CLI a quarter of its start-up (bench/README.md).
  supported: { 'dynamic-import': false },
};

const bundles = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [lazyChunksPlugin],
  },
  ...Object.entries(lazyChunks).map(([source, chunk]) => ({
    ...common,
    entryPoints: [source],
    outfile: `dist/${chunk}`,
    external: ['vscode'],
    plugins: [lazyChunksPlugin],
  })),
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
  // The language client, apart from extension.js: loaded when the first Markdown file opens.
  {
    ...common,
    entryPoints: ['src/vscode/docs/languageClientMain.ts'],
    outfile: 'dist/languageClient.js',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [lazyChunksPlugin],
    banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
  },
];

if (watch) {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  const started = Date.now();
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  console.log(
    `esbuild: ${bundles.length} bundles (${production ? 'production' : 'development'}) in ${Date.now() - started} ms`,
  );
}
