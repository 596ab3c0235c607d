// What the decision-folder config files say: the folders `.adr-dir`, `adr.config.json`, `.adr` and
// `.log4brains.yml` name (the last read as bounded YAML: a repository's file is untrusted).
import { type YamlBounds, parseBoundedYaml } from './boundedYaml';

/** `.log4brains.yml` is a few keys and a list of packages; it is untrusted YAML all the same. */
const CONFIG_BOUNDS: YamlBounds = { maxAliasCount: 100, maxNodes: 20_000, maxDepth: 24 };

/** The folders a config file names (`.adr-dir`, `adr.config.json`, `.adr`, `.log4brains.yml`). */
export function configFolders(name: string, text: string): { folders: string[]; log4brains: boolean } {
  if (name === '.adr-dir') {
    const folder = text.split(/\r?\n/)[0]?.trim();
    return { folders: folder ? [folder] : [], log4brains: false };
  }
  if (name === 'adr.config.json') {
    const data = JSON.parse(text) as { path?: unknown };
    return { folders: typeof data.path === 'string' ? [data.path] : [], log4brains: false };
  }
  if (name === '.adr') {
    const folders = text
      .split(/\r?\n/)
      .map((line) => /^\s*(?:records-dir|path|dir)\s*[=:]\s*(.+?)\s*$/.exec(line)?.[1])
      .filter((v): v is string => Boolean(v));
    return { folders, log4brains: false };
  }
  // .log4brains.yml: project.adrFolder and project.packages[].adrFolder (also top-level packages).
  const parsed = parseBoundedYaml(text, CONFIG_BOUNDS);
  if (parsed.error || !parsed.doc) {
    const { message, offset } = parsed.error ?? { message: 'no YAML', offset: 0 };
    throw new Error(`${message} at line ${text.slice(0, offset).split('\n').length}`);
  }
  const data = parsed.doc.toJS({ maxAliasCount: CONFIG_BOUNDS.maxAliasCount }) as {
    project?: { adrFolder?: unknown; packages?: { adrFolder?: unknown }[] };
    packages?: { adrFolder?: unknown }[];
  } | null;
  const folders: string[] = [];
  const push = (value: unknown): void => {
    if (typeof value === 'string') folders.push(value);
  };
  push(data?.project?.adrFolder);
  for (const pkg of [...(data?.project?.packages ?? []), ...(data?.packages ?? [])]) push(pkg?.adrFolder);
  return { folders, log4brains: true };
}
