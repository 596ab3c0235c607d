// The config files that name decision-record folders, declared once for discovery, the trees'
// watcher and the language server. A module of its own: the extension watches these at activation
// without loading the parsers discovery needs.

export const CONFIG_FILE_NAMES = ['.adr-dir', '.log4brains.yml', 'adr.config.json', '.adr'] as const;
export type ConfigFileName = (typeof CONFIG_FILE_NAMES)[number];

/** Files whose change means the folders themselves may have moved: their root is rediscovered. */
export const CONFIG_NAMES: ReadonlySet<string> = new Set(CONFIG_FILE_NAMES);

/** A watcher glob for every config file name. */
export const CONFIG_GLOB = `**/{${CONFIG_FILE_NAMES.join(',')}}`;
