// Which files are Markdown: `.md`/`.markdown`, and Markdown behind a template extension that sites
// render before Markdown (`.md.erb` in GOV.UK tech-docs and Middleman, `.md.j2` in Jinja sites,
// `.mdx` in Docusaurus and Backstage). Declared once for discovery, the trees' watcher, the language
// client's document selector and the server; a module of its own, so the extension can use it at
// activation without loading the parsers.

/** The file-name endings read as Markdown. */
export const MARKDOWN_ENDINGS = ['md', 'markdown', 'mdx', 'md.erb', 'md.j2'] as const;

/** Markdown whose language id is not `markdown` in VS Code (erb, jinja, mdx or plain text). */
export const TEMPLATE_ENDINGS = ['md.erb', 'md.j2', 'mdx'] as const;

const MARKDOWN_NAME = /\.(?:md|markdown)(?:\.(?:erb|j2))?$|\.mdx$/i;

/** True for a file name (or path) read as Markdown. */
export function isMarkdownName(name: string): boolean {
  return MARKDOWN_NAME.test(name);
}

/** A watcher glob for every Markdown file. */
export const MARKDOWN_GLOB = `**/*.{${MARKDOWN_ENDINGS.join(',')}}`;

/** A glob for the Markdown files whose language id is not `markdown` (the client's selector). */
export const TEMPLATE_MARKDOWN_GLOB = `**/*.{${TEMPLATE_ENDINGS.join(',')}}`;

/**
 * The name without its Markdown ending, a GOV.UK `.html` before it included:
 * `index.html.md.erb` → `index`, `0001-x.md` → `0001-x`.
 */
export function markdownStem(name: string): string {
  return name.replace(/(?:\.html)?(?:\.(?:md|markdown)(?:\.(?:erb|j2))?|\.mdx)$/i, '');
}
