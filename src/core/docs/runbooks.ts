/**
 * Runbooks where teams keep them: which Markdown files are runbooks (by folder, by front matter),
 * which are not (index pages, helper pages, a site's build), and the sections a runbook's collection
 * expects (`missing-section`). Pure rules; the index and discovery apply them.
 */
import type { FrontMatterField } from './source';
import { asList, asText } from './fields';
import { markdownStem } from './markdownNames';
import type { Problem, RunbookEvidence } from './types';

export type { RunbookEvidence };

/** The sections of an alert runbook (the Prometheus-operator convention), in their usual order. */
export const ALERT_SECTIONS: readonly string[] = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'];

/** Folder names whose Markdown files are runbooks whatever they hold. */
const RUNBOOK_FOLDERS = new Set(['runbooks']);
/** Folder names that hold runbooks when most of their files are alert runbooks. */
const ALERT_FOLDERS = new Set(['alerts', 'playbooks']);
/** Folders a collection keeps beside its runbooks for shared procedures, pictures and templates. */
const HELPER_FOLDERS = new Set([
  'helpers',
  'helper',
  'procedures',
  'common',
  'shared',
  'includes',
  'partials',
  'snippets',
  'templates',
  'assets',
  'images',
  'img',
  'screenshots',
  'media',
]);
/** Names of index and navigation pages (without their Markdown ending): never runbooks. */
const INDEX_PAGES = new Set(['readme', 'index', 'template', 'toc', 'summary', '_sidebar', '_index', 'contributing']);

/**
 * Files that make a folder a site's build (a tech-docs or MkDocs site, a publish script) rather than
 * a collection: a folder named `runbooks` holding one is a site, whose pages count by front matter.
 */
const SITE_BUILD_FILE =
  /^(?:gemfile|rakefile|config\.rb|mkdocs\.ya?ml|package\.json|hugo\.(?:toml|ya?ml|json)|docusaurus\.config\.[cm]?[jt]s|publish(?:[-_.].*)?)$/i;

/** True when a folder's entries show a site's build (Gemfile, mkdocs.yml, a publish script). */
export function isSiteBuild(entryNames: readonly string[]): boolean {
  return entryNames.some((name) => SITE_BUILD_FILE.test(name));
}

/** True for a folder name that may hold a runbook collection (worth looking at its entries). */
export function isCollectionFolderName(name: string): boolean {
  const lower = name.toLowerCase();
  return RUNBOOK_FOLDERS.has(lower) || ALERT_FOLDERS.has(lower);
}

/** True for a helpers-style folder name (`helpers/`, `partials/`, …): its pages are not runbooks. */
export function isHelperFolderName(name: string): boolean {
  return HELPER_FOLDERS.has(name.toLowerCase());
}

/** A repository's meta files (change log, licence, owners, …): runbooks only by their front matter. */
const META_PAGES =
  /^(?:changelog|changes|history|licen[cs]e|copying|codeowners|code[-_]of[-_]conduct|security|glossary|notice|authors|contributors|maintainers)$/;

/** True for a repository meta page (`CHANGELOG.md`, `LICENSE.md`, `glossary.md`): a runbook only by its front matter. */
export function isMetaPage(name: string): boolean {
  return META_PAGES.test(markdownStem(name.toLowerCase()));
}

/** True for index, README and navigation pages (`index.html.md.erb`, `_index.md`): never runbooks. */
export function isIndexPage(name: string): boolean {
  const stem = markdownStem(name.toLowerCase());
  return INDEX_PAGES.has(stem) || stem.startsWith('_');
}

/** Where a file sits among runbook collections, by its folder alone. */
export interface RunbookPlace {
  evidence: 'folder' | 'alerts';
  /** Relative path of the collection: the outermost `runbooks`/`alerts`/`playbooks` folder. */
  collection: string;
}

/**
 * The collection a file's folder (`relDir`, relative to the workspace root) belongs to: the outermost
 * `runbooks/`, `docs/runbook/`, `alerts/` or `playbooks/` folder, skipping folders that are sites
 * (`sites`, relative paths) — their pages are runbooks by front matter only. Files in a helpers-style
 * folder of a collection belong to none.
 */
export function runbookPlace(relDir: string, sites: readonly string[] = []): RunbookPlace | undefined {
  if (relDir === '.' || relDir === '') return undefined;
  const segments = relDir.split('/');
  let start = 0;
  for (const site of sites) {
    if (relDir === site || relDir.startsWith(`${site}/`)) start = Math.max(start, site.split('/').length);
  }
  for (let i = start; i < segments.length; i++) {
    const name = segments[i].toLowerCase();
    const docsRunbook = name === 'runbook' && i > 0 && segments[i - 1].toLowerCase() === 'docs';
    if (!RUNBOOK_FOLDERS.has(name) && !ALERT_FOLDERS.has(name) && !docsRunbook) continue;
    if (segments.slice(i + 1).some(isHelperFolderName)) return undefined;
    return {
      evidence: ALERT_FOLDERS.has(name) ? 'alerts' : 'folder',
      collection: segments.slice(0, i + 1).join('/'),
    };
  }
  return undefined;
}

/** A cheap look at a text's front matter before a full parse: could it say "runbook"? */
export function mayBeRunbookByFrontMatter(text: string): boolean {
  if (!/^\uFEFF?---[ \t]*\r?\n/.test(text)) return false;
  const end = text.slice(0, 65_536).search(/\n(?:---|\.\.\.)[ \t]*\r?(?:\n|$)/);
  const head = end < 0 ? text.slice(0, 65_536) : text.slice(0, end);
  return /^last[-_]reviewed(?:_on|-on)?\s*:/im.test(head) || /runbook/i.test(head);
}

/**
 * True when front matter marks a runbook: `last_reviewed_on` with `review_in` (GOV.UK tech-docs),
 * `type: runbook`, or a `runbook` tag (`tags`/`tag`/`categories`, as MkDocs and Backstage write them).
 */
export function isRunbookByFrontMatter(fields: ReadonlyMap<string, FrontMatterField> | undefined): boolean {
  if (!fields) return false;
  const reviewed = fields.get('last_reviewed_on') ?? fields.get('last-reviewed-on') ?? fields.get('last_reviewed');
  if (reviewed && fields.has('review_in')) return true;
  const type = asText(fields.get('type')?.value) ?? asText(fields.get('kind')?.value);
  if (type && /^runbooks?$/i.test(type.trim())) return true;
  for (const key of ['tags', 'tag', 'categories']) {
    if (asList(fields.get(key)?.value).some((tag) => /^runbooks?$/i.test(tag.trim()))) return true;
  }
  return false;
}

/** A heading's words, for comparing with a section name: case, `:`, numbering and emphasis dropped. */
function sectionKey(text: string): string {
  return text
    .replace(/^[\s\d.)#*_-]+|[\s:.*_]+$/g, '')
    .trim()
    .toLowerCase();
}

/**
 * The headings among `headings` that are one of `standard` sections, as written, in the order of the
 * file (each section once).
 */
export function sectionsPresent(headings: readonly string[], standard: readonly string[]): string[] {
  const wanted = new Set(standard.map(sectionKey));
  const seen = new Set<string>();
  const present: string[] = [];
  for (const heading of headings) {
    const key = sectionKey(heading);
    if (!wanted.has(key) || seen.has(key)) continue;
    seen.add(key);
    present.push(heading.trim());
  }
  return present;
}

/** The `required` sections not among `present` (compared as sectionsPresent does). */
export function sectionsMissing(present: readonly string[], required: readonly string[]): string[] {
  const have = new Set(present.map(sectionKey));
  return required.filter((section) => !have.has(sectionKey(section)));
}

/** True when a runbook is written in the alert convention: at least two of its four sections. */
export function followsAlertConvention(headings: readonly string[]): boolean {
  return sectionsPresent(headings, ALERT_SECTIONS).length >= 2;
}

/** What the index needs of a runbook to place it in its collection. */
export interface CollectionMember {
  path: string;
  collection?: string;
  headings: readonly string[];
}

/**
 * The runbook collections of an index, counted incrementally: how many runbooks each has and how
 * many of them follow the alert convention. A collection where at least half do is an alert
 * collection: its `alerts/`/`playbooks/` files are runbooks, and each is held to the four sections.
 */
export class RunbookCollections {
  private readonly counts = new Map<string, { total: number; alert: number }>();

  add(member: CollectionMember): void {
    if (!member.collection) return;
    const count = this.counts.get(member.collection) ?? { total: 0, alert: 0 };
    count.total++;
    if (followsAlertConvention(member.headings)) count.alert++;
    this.counts.set(member.collection, count);
  }

  remove(member: CollectionMember): void {
    const count = member.collection ? this.counts.get(member.collection) : undefined;
    if (!count || !member.collection) return;
    count.total--;
    if (followsAlertConvention(member.headings)) count.alert--;
    if (count.total <= 0) this.counts.delete(member.collection);
  }

  /** True when at least half the collection's runbooks are alert runbooks. */
  isAlertCollection(collection: string | undefined): boolean {
    const count = collection ? this.counts.get(collection) : undefined;
    return count !== undefined && count.alert > 0 && count.alert * 2 >= count.total;
  }
}

/** What a runbook's sections come to, for the view, the JSON and the `missing-section` problem. */
export interface SectionState {
  /** The standard sections present, as written. */
  sections: string[];
  missingSections: string[];
  problem?: Problem;
}

/**
 * The sections a runbook has and lacks by its collection's convention: the four alert sections in an
 * alert collection, else `required` (`cadence.docs.runbookSections`, none by default).
 */
export function sectionState(
  runbook: CollectionMember & { titleLine?: number },
  alertCollection: boolean,
  required: readonly string[],
): SectionState {
  const collectionLabel = runbook.collection && `${runbook.collection.slice(runbook.collection.lastIndexOf('/') + 1)}/`;
  const expected = alertCollection ? ALERT_SECTIONS : required;
  const sections = sectionsPresent(runbook.headings, [...ALERT_SECTIONS, ...required]);
  const missingSections = sectionsMissing(sections, expected);
  if (missingSections.length === 0) return { sections, missingSections };
  const names = listed(missingSections);
  const reason = alertCollection
    ? `the alert runbooks of ${collectionLabel ?? 'this folder'} have ${listed(ALERT_SECTIONS, 'and')}`
    : `this workspace's runbooks have ${listed(required, 'and')} (cadence.docs.runbookSections)`;
  return {
    sections,
    missingSections,
    problem: {
      path: runbook.path,
      line: runbook.titleLine ?? 0,
      code: 'missing-section',
      severity: 'warning',
      message: `No ${names} section${missingSections.length === 1 ? '' : 's'}; ${reason}. Add ${missingSections.length === 1 ? 'it as a heading' : 'them as headings'}.`,
    },
  };
}

function listed(items: readonly string[], last = 'or'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
