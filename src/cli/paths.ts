import * as path from 'node:path';
import { nodeFileSystem } from '../node/docs/nodeFileSystem';
import type { CliIo } from './io';

/**
 * The folder to read for a PATH argument (a file's own folder), or undefined after saying on stderr
 * that nothing is there.
 */
export async function folderOfArgument(
  io: CliIo,
  command: string,
  target: string,
): Promise<{ folder: string; isFile: boolean } | undefined> {
  const stat = await nodeFileSystem.stat(target);
  if (!stat) {
    io.stderr.write(`cadence ${command}: cannot read ${target}: no such file or folder\n`);
    return undefined;
  }
  return { folder: stat.type === 'directory' ? target : path.dirname(target), isFile: stat.type === 'file' };
}
