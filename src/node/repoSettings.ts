// A repository's own `.vscode/settings.json`, read by the CLI so it works with the settings the
// extension would use in that folder. JSONC (comments, trailing commas) through jsonc-parser, the
// parser VS Code's own settings use. The file is untrusted input: callers take only keys that name
// no file, folder or program; it must be a regular file (no symlink, no FIFO), and a large or
// broken file is reported, never fatal.
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
// The ES module build: the package's default (UMD) entry loads its parts with a runtime `require`
// that a bundle cannot follow.
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { MAX_JSON_DEPTH, jsonTooDeep } from '../core/jsonNesting';

const MAX_BYTES = 1024 * 1024;

export interface RepoSettingsFile {
  /** The file's top-level keys and values; empty when there is no usable file. */
  values: Readonly<Record<string, unknown>>;
  /** One line when the file exists but could not be used; the caller goes on with the defaults. */
  problem: string | null;
}

/** Reads `<root>/.vscode/settings.json`; no file is no settings (and no problem). */
export async function readRepoSettingsFile(root: string): Promise<RepoSettingsFile> {
  const file = join(root, '.vscode', 'settings.json');
  const info = await lstat(file).catch(() => null);
  if (!info) return { values: {}, problem: null };
  if (!info.isFile()) return { values: {}, problem: `${file} is not a regular file; its settings were not used` };
  if (info.size > MAX_BYTES) return { values: {}, problem: `${file} is over 1 MiB; its settings were not used` };
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return { values: {}, problem: `cannot read ${file}; its settings were not used` };
  // jsonc-parser recurses per level: a few thousand `[` overflow the stack, so deep text is refused unparsed.
  const deep = jsonTooDeep(text);
  if (deep !== undefined)
    return {
      values: {},
      problem: `${file} nests deeper than ${MAX_JSON_DEPTH} levels (at offset ${deep}); its settings were not used`,
    };
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || typeof json !== 'object' || json === null || Array.isArray(json)) {
    const first = errors[0];
    const where = first ? ` (${printParseErrorCode(first.error)} at offset ${first.offset})` : '';
    return { values: {}, problem: `${file} is not a JSON object${where}; its settings were not used` };
  }
  return { values: json as Record<string, unknown>, problem: null };
}
