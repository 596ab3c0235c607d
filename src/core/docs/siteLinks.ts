/**
 * Where a link of a documentation site's page points. A site serves its source folder at `/`: a
 * GOV.UK tech-docs site (`config/tech-docs.yml`) or a Middleman site (`config.rb`) serves
 * `source/`, an MkDocs site its `docs_dir` (the folder beside `mkdocs.yml` that holds the page).
 * A built page `x.html` comes from `x.html.md`, `x.html.md.erb`, `x.html.erb` or
 * `x/index.html.md(.erb)`. Pure: existence is asked of the caller.
 */
import { MKDOCS_CONFIG_NAMES } from './configNames';
import { dirname, joinPath } from './paths';

/** Files beside a site's `source/` folder that make it one (tech-docs, Middleman). */
const SOURCE_SITE_MARKERS = ['config/tech-docs.yml', 'config.rb'];
/** What a built `x.html` is written as, for `x` (the link without `.html`). */
const HTML_SOURCES = ['.html.md', '.html.md.erb', '.html.erb', '/index.html.md', '/index.html.md.erb'];

const parentOf = (folder: string): string => (dirname(folder) === '.' ? '' : dirname(folder));
const inFolder = (folder: string, rel: string): string => (folder ? joinPath(folder, rel) : rel);

/**
 * The source folder (repository-relative, '' for the root) of the site that the doc at `docRel`
 * (repository-relative) is a page of, or undefined when it is in no site.
 */
export function siteSourceOf(docRel: string, exists: (path: string) => boolean): string | undefined {
  for (let folder = parentOf(docRel); folder; folder = parentOf(folder)) {
    const parent = parentOf(folder);
    const name = folder.slice(parent ? parent.length + 1 : 0);
    if (name === 'source' && SOURCE_SITE_MARKERS.some((marker) => exists(inFolder(parent, marker)))) return folder;
    if (MKDOCS_CONFIG_NAMES.some((config) => exists(inFolder(parent, config)))) return folder;
  }
  return undefined;
}

/**
 * The files a link of the page at `docRel` may stand for besides `path` (its target resolved as
 * written, repository-relative; `written` as in the page): the root-relative target under the
 * site's source folder, and the sources of a built `.html` page.
 */
export function siteTargets(
  written: string,
  path: string,
  docRel: string,
  exists: (path: string) => boolean,
): string[] {
  const html = /\.html$/i.test(path);
  if (!html && !written.startsWith('/')) return [];
  const bases = [path];
  if (written.startsWith('/')) {
    const source = siteSourceOf(docRel, exists);
    const inSite = source === undefined ? undefined : joinPath(source, written.slice(1));
    // Never a path outside the repository, not even to ask whether it exists.
    if (inSite !== undefined && inSite !== '.' && !inSite.startsWith('..') && !inSite.startsWith('/')) {
      bases.unshift(written.endsWith('/') ? `${inSite}/` : inSite);
    }
  }
  if (!html) return bases.slice(0, -1);
  return bases.flatMap((base) => {
    const stem = base.slice(0, -'.html'.length);
    const sources = HTML_SOURCES.map((suffix) => stem + suffix);
    return base === path ? sources : [base, ...sources];
  });
}
