import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';

/** The entries of a folder, or none when it cannot be listed (gone, not a folder, not readable). */
export async function entriesOf(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}
