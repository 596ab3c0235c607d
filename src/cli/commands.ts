import type { Subcommand } from './args';
import { completionCommand } from './completion';
import { docsCommand } from './docs';
import { draftCommand } from './draft';
import { dutyCommand } from './duty';
import { focusCommand } from './focus';

/**
 * Every subcommand of `cadence`, in the order `--help` lists them. A new subcommand is one entry
 * here plus its `defineCommand({...})` in its own file (CONTRIBUTING.md, "Adding a CLI flag or
 * subcommand"); help and shell completion follow from its definition.
 */
export const subcommands: Record<string, Subcommand> = {
  draft: draftCommand,
  docs: docsCommand(),
  duty: dutyCommand(),
  focus: focusCommand,
  completion: completionCommand(() => Object.values(subcommands)),
};
