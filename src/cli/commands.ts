import { docsCommand } from './docs';
import { draftCommand } from './draft';
import { dutyCommand } from './duty';
import { focusCommand } from './focus';
import type { Subcommand } from './io';

/** Every subcommand of `cadence`, in the order `--help` lists them. Each feature adds one entry. */
export const subcommands: Record<string, Subcommand> = {
  draft: draftCommand,
  docs: docsCommand(),
  duty: dutyCommand(),
  focus: focusCommand,
};
