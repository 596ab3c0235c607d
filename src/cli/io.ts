export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The directory relative paths are resolved against. */
  cwd: string;
}

/** A subcommand: receives its own arguments, returns the exit code. */
export interface Subcommand {
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments: printed as one line, exit code 2. */
export class UsageError extends Error {}
