// MkDocs and Backstage TechDocs sites: which of a site's pages are runbooks. `mkdocs.yml` names the
// site's `docs_dir` (default `docs`), its `site_name` and its `nav`; a Backstage `catalog-info.yaml`
// whose `backstage.io/techdocs-ref` is `dir:<folder>` makes that folder a TechDocs site, built by
// MkDocs (with `docs/` when it has no mkdocs.yml). A page under `docs_dir` is a runbook when its nav
// title, a nav section above it, its path or the site's name says runbook or playbook. Pure: the
// files are read by discovery; both are untrusted YAML, parsed under bounds (boundedYaml.ts), and
// their custom tags (`!!python/name:…`, `!ENV`) are read as if untagged.
import { type Node, isMap, isPair, isScalar, isSeq } from 'yaml';
import { CATALOG_INFO_NAMES, MKDOCS_CONFIG_NAMES } from './configNames';
import { type YamlBounds, parseBoundedYaml, parseBoundedYamlStream } from './boundedYaml';
import { markdownStem } from './markdownNames';
import { basename, isInside, joinPath, relativePath } from './paths';
import { isHelperFolderName, isIndexPage } from './runbooks';

export const MKDOCS_CONFIGS: ReadonlySet<string> = new Set(MKDOCS_CONFIG_NAMES);
export const CATALOG_INFOS: ReadonlySet<string> = new Set(CATALOG_INFO_NAMES);

/** A site's config is larger than front matter (a nav of hundreds of pages), still bounded. */
const SITE_BOUNDS: YamlBounds = { maxAliasCount: 100, maxNodes: 50_000, maxDepth: 24 };

/** "Runbooks", "runbook", "Run books", "Playbooks", "on-call-runbook": as a word, any case. */
const RUNBOOK_WORD = /(?:^|[^a-z])(?:run|play)[-_ ]?books?(?:[^a-z]|$)/i;

export interface SiteConfig {
  /** `docs_dir`, relative to the config's folder. */
  docsDir: string;
  siteName?: string;
  /** The nav's pages (relative to docs_dir) with their title and their sections', outermost first. */
  nav: { page: string; titles: string[] }[];
  /** Why the file was not (fully) read; the defaults stand in for what was not. */
  error?: string;
}

/** The site a TechDocs entity without a mkdocs.yml gets: MkDocs' defaults. */
export const DEFAULT_SITE: SiteConfig = { docsDir: 'docs', nav: [] };

function text(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value.trim() ? node.value.trim() : undefined;
}

/** Reads `docs_dir`, `site_name` and `nav` from a mkdocs.yml; never throws. */
export function readMkdocsConfig(source: string): SiteConfig {
  const parsed = parseBoundedYaml(source, SITE_BOUNDS);
  const config: SiteConfig = { docsDir: 'docs', nav: [] };
  if (parsed.error) config.error = parsed.error.message;
  // With an error, nothing is read: a half-read nav would make some runbooks disappear at random.
  if (!parsed.doc || parsed.error || !isMap(parsed.doc.contents)) return config;
  const top = parsed.doc.contents;
  config.docsDir = text(top.get('docs_dir', true)) ?? 'docs';
  config.siteName = text(top.get('site_name', true));
  const walk = (node: unknown, titles: string[]): void => {
    if (!isSeq(node)) return;
    for (const item of node.items) {
      const page = text(item);
      if (page) config.nav.push({ page, titles });
      else if (isMap(item)) {
        for (const pair of item.items) {
          if (!isPair(pair)) continue;
          const title = text(pair.key);
          const target = text(pair.value);
          if (title && target) config.nav.push({ page: target, titles: [...titles, title] });
          else if (title) walk(pair.value as Node, [...titles, title]);
        }
      }
    }
  };
  walk(top.get('nav', true), []);
  return config;
}

/**
 * The folder a Backstage catalog-info.yaml builds TechDocs from (`backstage.io/techdocs-ref:
 * dir:.` → `.`), relative to the file's folder; undefined when no entity of it has one (or it is a
 * URL). Never throws.
 */
export function techDocsDir(source: string): string | undefined {
  for (const parsed of parseBoundedYamlStream(source, SITE_BOUNDS)) {
    if (!parsed.doc || parsed.error) continue;
    const ref = text(parsed.doc.getIn(['metadata', 'annotations', 'backstage.io/techdocs-ref'], true));
    const dir = ref && /^dir:(.+)$/.exec(ref)?.[1]?.trim();
    if (dir) return dir;
  }
  return undefined;
}

/**
 * The runbooks among `markdownFiles` (absolute paths) of the site whose config is in `siteFolder`:
 * pages under its docs_dir that are not index pages or in a helpers-style folder, and whose nav
 * title, nav sections, path or site name say runbook or playbook.
 */
export function siteRunbooks(siteFolder: string, config: SiteConfig, markdownFiles: readonly string[]): string[] {
  const docsDir = joinPath(siteFolder, config.docsDir);
  const siteSays = RUNBOOK_WORD.test(config.siteName ?? '');
  const navSays = new Set(
    config.nav
      .filter(({ page, titles }) => titles.some((t) => RUNBOOK_WORD.test(t)) && !/^[a-z][a-z0-9+.-]*:/i.test(page))
      .map(({ page }) => joinPath(docsDir, page)),
  );
  return markdownFiles.filter((file) => {
    if (file === docsDir || !isInside(docsDir, file) || isIndexPage(basename(file))) return false;
    const rel = relativePath(docsDir, file);
    if (rel.split('/').slice(0, -1).some(isHelperFolderName)) return false;
    return siteSays || navSays.has(file) || RUNBOOK_WORD.test(markdownStem(rel));
  });
}
