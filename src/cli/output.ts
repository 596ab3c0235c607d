// One output contract for every subcommand: the same `--format` names for the same thing, results on
// stdout (JSON there and only there), messages on stderr, colour only on a terminal without NO_COLOR.
import { inspect } from 'node:util';
import type { FlagSpec } from './args';
import type { CliIo } from './io';

/**
 * Every output format a subcommand may offer, each meaning the same everywhere: `text` for people,
 * `json` for programs, `markdown` and `slack` for pasting, `github` for GitHub Actions workflow
 * annotations, `sarif` for code-scanning tools. A command lists the ones it supports.
 */
export const OUTPUT_FORMATS = ['text', 'json', 'markdown', 'slack', 'github', 'sarif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The `--format` flag of a command that offers `formats` (the first is the default). */
export function formatFlag(
  formats: readonly [OutputFormat, ...OutputFormat[]],
  description = 'output format',
): FlagSpec {
  return { type: 'string', value: 'FORMAT', choices: formats, default: formats[0], description };
}

/** A result as JSON on stdout: two-space indented, one trailing newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Colour on a stream only when it is a terminal and NO_COLOR (https://no-color.org) is unset or empty. */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan';

/** `text` in `style` when the command's stdout takes colour, else unchanged. */
export function paint(io: CliIo, style: Style, text: string): string {
  if (!io.color) return text;
  // util.styleText decides colour on its own (process.stdout); the decision here is the caller's.
  const [open, close] = inspect.colors[style] ?? [0, 0];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}
