export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** Colour in text written to stdout (a TTY without NO_COLOR; see output.ts). Absent: none. */
  color?: boolean;
}

const USAGE = Symbol.for('cadence.usageError');

/**
 * Thrown for bad arguments: printed as one line, exit code 2. Each subcommand is its own file in
 * dist/ (src/cli/commands.ts) with its own copy of this class, so `instanceof` checks a mark that
 * every copy sets, not the class.
 */
export class UsageError extends Error {
  readonly [USAGE] = true;

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && USAGE in value;
  }
}
