// The activation bundle stays small: heavy libraries live in lazy chunks (scripts/lazyChunks.mjs).
// Builds the extension the way esbuild.config.mjs does, in memory, and reads which files went in.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { lazyChunksPlugin } from '../../../scripts/lazyChunks.mjs';

const root = path.resolve(__dirname, '..', '..', '..', '..');

async function inputsOf(entry: string): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    plugins: [lazyChunksPlugin],
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: 'dist/bundle-check.js',
  });
  return Object.keys(result.metafile.inputs);
}

describe('bundles', function () {
  this.timeout(60_000);

  it('dist/extension.js holds no Slack client: @slack/web-api is in the slack.js chunk', async () => {
    const extension = await inputsOf('src/extension.ts');
    assert.deepEqual(
      extension.filter((file) => file.includes('node_modules/@slack/') || file.includes('src/node/slack/client')),
      [],
    );
    const chunk = await inputsOf('src/vscode/slack/slackCommands.ts');
    assert.ok(chunk.some((file) => file.includes('node_modules/@slack/web-api/')));
  });

  it('dist/extension.js and the weekly chunk hold no Octokit: it is in the github.js chunk', async () => {
    const octokit = (file: string) => /node_modules\/(@octokit|bottleneck)\//.test(file);
    assert.deepEqual((await inputsOf('src/extension.ts')).filter(octokit), []);
    assert.deepEqual((await inputsOf('src/vscode/weekly/weeklyCommands.ts')).filter(octokit), []);
    const chunk = await inputsOf('src/node/github/client.ts');
    assert.ok(chunk.some((file) => file.includes('node_modules/@octokit/rest/')));
  });
});

describe('the cadence CLI bundle', function () {
  this.timeout(60_000);

  it('dist/cli.js loads no subcommand: each is its own chunk, and `cadence draft` loads no docs parser or client', async () => {
    const main = await inputsOf('src/cli/main.ts');
    assert.deepEqual(
      main.filter((file) => file.includes('node_modules/') || /src\/(core|node)\//.test(file)),
      [],
    );
    const heavy = (file: string) =>
      /node_modules\/(markdown-it|yaml|linkify-it|@slack|@octokit|handlebars)\//.test(file);
    assert.deepEqual((await inputsOf('src/cli/draft.ts')).filter(heavy), []);
    assert.ok((await inputsOf('src/cli/docs.ts')).some((file) => file.includes('node_modules/markdown-it/')));
  });
});
