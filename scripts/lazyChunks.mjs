// The lazy chunks of the extension bundle, shared by esbuild.config.mjs and the bundle test.
import { resolve } from 'node:path';

/**
 * Parts of the extension and the CLI that load on first use, each built as its own file next to
 * dist/extension.js and dist/cli.js. A dynamic `import()` (or a `require()` call) of one of these modules stays a runtime `require` of the
 * chunk instead of being inlined, which keeps the activation bundle small (bench/README.md).
 */
export const lazyChunks = {
  'src/vscode/weekly/weeklyCommands.ts': 'weekly.js',
  'src/vscode/docs/docsCore.ts': 'docs-core.js',
  // Slack's client (@slack/web-api) and the Slack commands: loaded on the first Slack call.
  'src/vscode/slack/slackCommands.ts': 'slack.js',
  // Octokit (GitHub evidence for the weekly draft): loaded when a draft asks GitHub.
  'src/node/github/client.ts': 'github.js',
  // Handlebars: loaded only for a weekly draft with a user template.
  'src/core/weekly/template.ts': 'weekly-template.js',
  // The CLI's subcommands (src/cli/commands.ts requires each when it runs) and the Slack client of
  // `cadence draft --post`: `cadence draft` loads neither markdown-it nor yaml nor @slack/web-api.
  'src/cli/draft.ts': 'cli-draft.js',
  'src/cli/docs.ts': 'cli-docs.js',
  'src/cli/duty.ts': 'cli-duty.js',
  'src/cli/focus.ts': 'cli-focus.js',
  'src/node/slack/client.ts': 'slack-client.js',
  // The weekly draft's Documentation line: loaded only for a repository with a team file.
  'src/node/docs/dutyWeek.ts': 'duty-week.js',
};

/** @type {import('esbuild').Plugin} */
export const lazyChunksPlugin = {
  name: 'lazy-chunks',
  setup(build) {
    const byPath = new Map(Object.entries(lazyChunks).map(([source, chunk]) => [resolve(source), chunk]));
    build.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import' && args.kind !== 'require-call') return undefined;
      const target = resolve(args.resolveDir, args.path);
      const chunk = byPath.get(target) ?? byPath.get(`${target}.ts`);
      return chunk ? { path: `./${chunk}`, external: true } : undefined;
    });
  },
};
