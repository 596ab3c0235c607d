import { docsCommand } from './docs';
import type { Subcommand } from './io';

/** Every subcommand of `cadence`, in the order `--help` lists them. Each feature adds one entry. */
export const subcommands: Record<string, Subcommand> = {};
subcommands.docs = docsCommand();
