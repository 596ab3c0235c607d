import type { Subcommand } from './args';
import { completionCommand } from './completion';
import type * as Docs from './docs';
import type * as Draft from './draft';
import type * as Duty from './duty';
import type * as Focus from './focus';

/**
 * A subcommand whose module is required when it runs, or when its definition is read (`--help`
 * of that command, shell completion): `cadence draft` does not load the decision-record parsers
 * (markdown-it, yaml) and `cadence docs` not the weekly draft. In dist/ each module is its own file
 * (scripts/lazyChunks.mjs); the start-up of a fresh process is what users compare (bench/README.md).
 * `summary` repeats the definition's (a unit test keeps them equal) so `cadence --help` loads none.
 */
function lazy(summary: string, load: () => Subcommand): Subcommand {
  let loaded: Subcommand | undefined;
  const command = () => (loaded ??= load());
  return {
    summary,
    get spec() {
      return command().spec;
    },
    run: (argv, io) => command().run(argv, io),
  };
}

/* eslint-disable @typescript-eslint/no-require-imports -- a synchronous require is the lazy chunk (see lazy) */
/**
 * Every subcommand of `cadence`, in the order `--help` lists them. A new subcommand is one entry
 * here plus its `defineCommand({...})` in its own file (CONTRIBUTING.md, "Adding a CLI flag or
 * subcommand"); help and shell completion follow from its definition.
 */
export const subcommands: Record<string, Subcommand> = {
  draft: lazy('draft the weekly update from local git', () => (require('./draft') as typeof Draft).draftCommand),
  docs: lazy('list decision records, runbooks and their problems', () =>
    (require('./docs') as typeof Docs).docsCommand(),
  ),
  duty: lazy('list what documentation needs a writer, and who is on duty', () =>
    (require('./duty') as typeof Duty).dutyCommand(),
  ),
  focus: lazy(
    'show recorded focus time (this week by default)',
    () => (require('./focus') as typeof Focus).focusCommand,
  ),
  completion: completionCommand(() => Object.values(subcommands)),
};
/* eslint-enable @typescript-eslint/no-require-imports */
