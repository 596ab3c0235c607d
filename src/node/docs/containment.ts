import { realpathSync } from 'node:fs';
import { dirname, isInside } from '../../core/docs/paths';

/** The real path of `path`, or of its nearest existing parent with the rest appended (a folder to create). */
function realPathOf(path: string): string {
  let rest = '';
  for (let current = path; ; current = dirname(current)) {
    try {
      return realpathSync.native(current) + rest;
    } catch {
      if (dirname(current) === current) return path;
      rest = current.slice(dirname(current).length) + rest;
    }
  }
}

/**
 * True when `path` (which may not exist yet) lies inside one of `roots` once links are resolved:
 * a folder named by `.adr-dir` with `..`, or a link out of the workspace, is not a place to write.
 */
export function isInsideRoots(roots: readonly string[], path: string): boolean {
  const real = realPathOf(path);
  return roots.some((root) => isInside(root, path) && isInside(realPathOf(root), real));
}
