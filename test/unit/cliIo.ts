import * as path from 'node:path';
import type { DraftDeps } from '../../src/cli/draft';
import type { CliIo } from '../../src/cli/io';
import { NOW } from '../fixtures/weekly/histories.mjs';

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

/**
 * `cadence draft`'s dependencies in tests: the scripted histories' clock, Berlin as the system's
 * time zone, no focus history, and only the environment given (no token from the machine).
 */
export function draftDeps(env: Record<string, string> = {}): DraftDeps {
  return {
    now: () => Date.parse(NOW),
    gitPath: 'git',
    systemTimeZone: () => 'Europe/Berlin',
    focusHistoryFile: () => path.join(__dirname, 'no-focus-history.jsonl'),
    env,
  };
}
