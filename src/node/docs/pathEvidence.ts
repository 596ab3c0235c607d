// The language server's path evidence over Node: existence on disk and, when git may run, the
// repository's history for its docs (the same three git calls as `cadence duty`).
import { existsSync } from 'node:fs';
import { existingRefs, type PathEvidencePort } from '../../core/docs/history';
import { extractPathRefs } from '../../core/docs/pathRefs';
import { relativePath } from '../../core/docs/paths';
import { gitOrUndefined } from '../git';
import { gitRepository, readDocsHistory } from './history';

const headOf = async (top: string): Promise<string | undefined> =>
  (await gitOrUndefined(['rev-parse', '--verify', '-q', 'HEAD'], top))?.trim() || undefined;

export const nodePathEvidence: PathEvidencePort = {
  exists: (path) => existsSync(path),
  async evidence(root, docs, git) {
    const repository = git ? await gitRepository(root) : undefined;
    if (!repository) return { top: root };
    const { top } = repository;
    const head = await headOf(top);
    // A shallow clone's history would make every doc look just changed: no drift, no renames.
    if (repository.shallow) return { top, head };
    const refs = new Map(
      docs.map((d) => [relativePath(top, d.path), extractPathRefs(d.text, relativePath(top, d.path))]),
    );
    const history = await readDocsHistory(
      top,
      new Set(refs.keys()),
      existingRefs(refs, (rel) => existsSync(`${top}/${rel}`)),
    );
    return { top, head, history: history?.history, renames: history?.renames };
  },
  head: headOf,
};
