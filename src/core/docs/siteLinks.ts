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

/** A tech-docs or Middleman site's `source/` folder (not an MkDocs docs folder). */
function isSourceSite(source: string, exists: (path: string) => boolean): boolean {
  const parent = parentOf(source);
  return (
    source.slice(parent ? parent.length + 1 : 0) === 'source' &&
    SOURCE_SITE_MARKERS.some((marker) => exists(inFolder(parent, marker)))
  );
}

/** A page's source extensions, longest first: `x.html.md.erb` is served as `x.html`. */
const PAGE_EXTENSION = /\.html(?:\.md)?(?:\.erb)?$|\.md(?:\.erb)?$/i;

/**
 * The folders (site-relative, '' for the root) a relative link of the page `pageRel` is resolved
 * from in the browser: the page's folder (`x.html`), and the page's own folder when the site serves
 * pretty URLs (`x/`).
 */
function servedFolders(pageRel: string): string[] {
  const folder = parentOf(pageRel);
  const stem = pageRel.replace(PAGE_EXTENSION, '');
  const pretty = stem.endsWith('/index') || stem === 'index' ? folder : stem;
  return pretty === folder ? [folder] : [folder, pretty];
}

/** `written` resolved as a browser does from `folder` of the site: `..` stops at the site's root. */
function resolveInSite(folder: string, written: string): string | undefined {
  try {
    const url = new URL(written, `http://site/${folder ? `${folder}/` : ''}`);
    if (url.host !== 'site') return undefined;
    return decodeURIComponent(url.pathname).slice(1);
  } catch {
    return undefined;
  }
}

/**
 * The files a link of the page at `docRel` may stand for besides `path` (its target resolved as
 * written, repository-relative; `written` as in the page): the root-relative target under the
 * site's source folder, and the sources of a built `.html` page. In a tech-docs or Middleman site a
 * relative link is also read as the browser reads it from the served page (`../images/x.png` from
 * a page at the root is `/images/x.png`; with pretty URLs, from the page's own folder), and a link
 * without an extension (`other-page`, `other-page/`) names that page's source.
 */
export function siteTargets(
  written: string,
  path: string,
  docRel: string,
  exists: (path: string) => boolean,
): string[] {
  const html = /\.html$/i.test(path);
  const rooted = written.startsWith('/');
  const source = siteSourceOf(docRel, exists);
  const served = source !== undefined && !rooted && isSourceSite(source, exists);
  if (!html && !rooted && !served) return [];
  const bases: string[] = [];
  const add = (inSite: string | undefined) => {
    // Never a path outside the repository, not even to ask whether it exists.
    if (inSite === undefined || source === undefined) return;
    const full = joinPath(source || '.', inSite || '.');
    if (full === '.' || full.startsWith('..') || full.startsWith('/') || bases.includes(full)) return;
    bases.push(written.endsWith('/') ? `${full}/` : full);
  };
  if (rooted) add(written.slice(1));
  if (served) for (const folder of servedFolders(docRel.slice(source!.length + 1))) add(resolveInSite(folder, written));
  const own = bases.length;
  if (!bases.includes(path)) bases.push(path);
  return bases.flatMap((base, index) => {
    const folderLink = base.endsWith('/');
    const bare = base.replace(/\/+$/, '');
    const last = bare.slice(bare.lastIndexOf('/') + 1);
    const pageLike = served && (folderLink || !last.includes('.'));
    const stem = /\.html$/i.test(bare) ? bare.slice(0, -'.html'.length) : pageLike ? bare : undefined;
    const sources = stem === undefined ? [] : HTML_SOURCES.map((suffix) => stem + suffix);
    // `path` itself was asked already.
    return base === path && index >= own ? sources : [base, ...sources];
  });
}
