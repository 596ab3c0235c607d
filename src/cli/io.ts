export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** Colour in text written to stdout (a TTY without NO_COLOR; see output.ts). Absent: none. */
  color?: boolean;
}

/** Thrown for bad arguments: printed as one line, exit code 2. */
export class UsageError extends Error {}
