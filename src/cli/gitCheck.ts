// `cadence docs` and `cadence duty` read git best-effort: without it they go on with what the files
// say. That loss is said, once, in one line on stderr.
import { gitFound } from '../node/git';
import type { CliIo } from './io';

/**
 * True when git can be run in `folder`; otherwise says on stderr what is left out without it and
 * returns false (the caller then reads no git).
 */
export async function gitOrSay(
  io: CliIo,
  command: string,
  folder: string,
  lost: string,
  gitPath = 'git',
): Promise<boolean> {
  if (await gitFound(folder, gitPath)) return true;
  io.stderr.write(
    `cadence ${command}: git was not found (tried '${gitPath}'); ${lost} need it and are left out (install git or put it on PATH, or pass --no-git)\n`,
  );
  return false;
}
