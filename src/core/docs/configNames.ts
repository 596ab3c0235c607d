// The config files that name decision-record folders, declared once for discovery, the trees'
// watcher and the language server. A module of its own: the extension watches these at activation
// without loading the parsers discovery needs.

export const CONFIG_FILE_NAMES = ['.adr-dir', '.log4brains.yml', 'adr.config.json', '.adr'] as const;
export type ConfigFileName = (typeof CONFIG_FILE_NAMES)[number];

/** Files that make a folder an MkDocs or a Backstage TechDocs site, whose nav can mark runbooks (mkdocs.ts). */
export const MKDOCS_CONFIG_NAMES = ['mkdocs.yml', 'mkdocs.yaml'] as const;
export const CATALOG_INFO_NAMES = ['catalog-info.yaml', 'catalog-info.yml'] as const;

const WATCHED_NAMES = [...CONFIG_FILE_NAMES, ...MKDOCS_CONFIG_NAMES, ...CATALOG_INFO_NAMES];

/** Files whose change means the folders themselves (or a site's runbooks) may have moved: their root is rediscovered. */
export const CONFIG_NAMES: ReadonlySet<string> = new Set(WATCHED_NAMES);

/** A watcher glob for every config file name. */
export const CONFIG_GLOB = `**/{${WATCHED_NAMES.join(',')}}`;
