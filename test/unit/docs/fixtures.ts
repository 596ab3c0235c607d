import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DocsIndex, type LoadOptions, loadRoot } from '../../../src/core/docs/index';
import type { Discovery } from '../../../src/core/docs/discovery';
import type { TextEdit } from '../../../src/core/docs/edits';
import { MemoryFileSystem } from './memoryFileSystem';

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

/**
 * A fixture folder built on disk by its script, copied into an in-memory DocsFileSystem: the core
 * is tested on what an editor or the language server would hand it, with no disk in between (the
 * Node adapter has its own disk tests). Texts are decoded as UTF-8 the way an editor does (invalid
 * bytes become U+FFFD, NULs stay); a symlink, FIFO or empty folder, which a map of texts cannot
 * hold, fails loudly rather than testing something other than the fixture.
 */
export function memoryCopy(dir: string): MemoryFileSystem {
  const files: Record<string, string> = {};
  const utf8 = new TextDecoder('utf-8');
  const walk = (folder: string): void => {
    const entries = fs.readdirSync(folder, { withFileTypes: true });
    if (entries.length === 0) throw new Error(`memoryCopy: ${folder} is an empty folder`);
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files[full.split(path.sep).join('/')] = utf8.decode(fs.readFileSync(full));
      else throw new Error(`memoryCopy: ${full} is not a regular file or folder`);
    }
  };
  walk(dir);
  return new MemoryFileSystem(files);
}

const memoryFormats = new Map<string, MemoryFileSystem>();

/** Loads one fixture case into a fresh index, from an in-memory copy of the built fixture. */
export async function load(
  name: string,
  options: LoadOptions = {},
): Promise<{ index: DocsIndex; root: string; discovery: Discovery; rel: (p: string) => string }> {
  const root = path.join(formatsFixture(), name);
  let files = memoryFormats.get(root);
  if (!files) memoryFormats.set(root, (files = memoryCopy(root)));
  const index = new DocsIndex({ clock });
  const discovery = await loadRoot(files, index, root, options);
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
