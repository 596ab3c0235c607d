import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocsIndex, type LoadOptions, loadRoot } from '../../../src/core/docs/index';
import type { Discovery } from '../../../src/core/docs/discovery';
import type { TextEdit } from '../../../src/core/docs/edits';
import { nodeFileSystem } from '../../../src/node/docs/nodeFileSystem';

/** Repository root (tests run compiled from out/test/unit/docs). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** A fixed "now" for the tests: 2026-11-22 12:00 UTC. */
export const clock = { now: () => Date.UTC(2026, 10, 22, 12) };

let built: string | undefined;

/** Builds the format fixtures once per test file with the project's fixture script. */
export function formatsFixture(): string {
  if (built) return built;
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-docs-')), 'formats');
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'fixtures', 'docs-formats.mjs'), dir], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`docs-formats.mjs failed: ${result.stderr}`);
  built = dir;
  return dir;
}

/** Loads one fixture case into a fresh index. */
export async function load(
  name: string,
  options: LoadOptions = {},
): Promise<{ index: DocsIndex; root: string; discovery: Discovery; rel: (p: string) => string }> {
  const root = path.join(formatsFixture(), name);
  const index = new DocsIndex({ clock });
  const discovery = await loadRoot(nodeFileSystem, index, root, options);
  return { index, root, discovery, rel: (p) => path.relative(root, p) };
}

/** Applies non-overlapping edits to a text, as the editor applies a WorkspaceEdit. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  }
  return out;
}
