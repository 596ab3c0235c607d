import type { CliIo } from '../../src/cli/io';

/** A CliIo that records what a command writes, for asserting on stdout, stderr and exit codes. */
export function capture(cwd: string = process.cwd()): { out: { stdout: string; stderr: string }; io: CliIo } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: { write: (text: string) => (out.stdout += text) },
    stderr: { write: (text: string) => (out.stderr += text) },
    cwd,
  };
  return { out, io };
}
