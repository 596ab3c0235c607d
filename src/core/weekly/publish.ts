// Publishing the weekly update to GitHub, the pure half: which repositories to offer, how the shared
// Markdown becomes a discussion (title + body) or an issue comment, and what the places to publish
// look like in a picker. The text itself always comes from `shareable()` (share.ts).
import { githubRepoOf, parseRepoName, splitRef } from './github';
import type { WeeklyDraft } from './model';

/** Where an update goes: a comment on an issue, or a new discussion in a category. */
export type PublishTarget =
  | { kind: 'comment'; repo: string; issue: number }
  | { kind: 'discussion'; repo: string; repositoryId: string; categoryId: string; category: string };

/** An open issue and a discussion category of a repository, as GitHub lists them. */
export interface PublishPlaces {
  issues: { number: number; title: string }[];
  /** Empty when the repository has discussions switched off. */
  categories: { id: string; name: string }[];
  /** The repository's GraphQL node id (createDiscussion names the repository by it). */
  repositoryId: string | null;
}

/**
 * The repositories to offer, most likely first: those of the draft's clones (their main remote),
 * those its GitHub evidence names (a fork's PRs live upstream), then `cadence.weekly.githubRepos`.
 * Only repositories on `host` (the API the session is for); duplicates (any case) once.
 */
export function publishRepos(draft: WeeklyDraft | null, settingsRepos: readonly string[], host: string): string[] {
  const out: string[] = [];
  const add = (repo: string | null | undefined) => {
    if (repo && !out.some((known) => known.toLowerCase() === repo.toLowerCase())) out.push(repo);
  };
  for (const summary of draft?.repos ?? []) {
    const gh = summary.webUrl ? githubRepoOf(summary.webUrl) : null;
    if (gh && gh.host === host) add(gh.repo);
  }
  const refs = [
    ...(draft?.shipped ?? []).map((item) => item.ref),
    ...(draft?.inProgress ?? []).map((item) => item.ref),
    ...(draft?.blockers ?? []).map((item) => item.ref),
  ];
  for (const ref of refs) if (ref) add(splitRef(ref).repo);
  for (const repo of settingsRepos) add(parseRepoName(repo));
  return out;
}

/** Inline Markdown reduced to its text, for a title: links, code, emphasis. */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](.+?)[*_](?=\W|$)/g, '$1$2')
    .trim();
}

/**
 * A discussion from the shared Markdown: its first top-level heading is the title (GitHub shows the
 * title above the body, so it is not repeated), the rest the body. No heading: "Weekly update".
 */
export function discussionParts(markdown: string): { title: string; body: string } {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n');
  const index = lines.findIndex((line) => /^\s{0,3}#\s+\S/.test(line));
  const title = index >= 0 ? plainInline(lines[index].replace(/^\s{0,3}#\s+/, '').replace(/\s+#+\s*$/, '')) : '';
  const rest = index >= 0 ? [...lines.slice(0, index), ...lines.slice(index + 1)] : lines;
  const body = rest.join('\n').trim();
  return { title: title || 'Weekly update', body: body ? `${body}\n` : '' };
}

/** `owner/name#12`, or "a new discussion in owner/name (General)": what a message names. */
export function describeTarget(target: PublishTarget): string {
  return target.kind === 'comment'
    ? `a comment on ${target.repo}#${target.issue}`
    : `a new discussion in ${target.repo} (${target.category})`;
}

/** A picker entry: a label, a detail line, and the target it stands for (null: a separator). */
export interface PlaceItem {
  label: string;
  description?: string;
  target: PublishTarget | null;
}

/**
 * The places of one repository, discussions first (the playbook's home for weekly updates), then
 * open issues newest first. A repository without discussions says so in a separator.
 */
export function placeItems(repo: string, places: PublishPlaces): PlaceItem[] {
  const items: PlaceItem[] = [];
  items.push({
    label: places.categories.length > 0 ? 'New discussion' : 'Discussions are off in this repository',
    target: null,
  });
  for (const category of places.repositoryId ? places.categories : [])
    items.push({
      label: `$(comment-discussion) ${category.name}`,
      description: 'new discussion',
      target: {
        kind: 'discussion',
        repo,
        repositoryId: places.repositoryId!,
        categoryId: category.id,
        category: category.name,
      },
    });
  items.push({ label: places.issues.length > 0 ? 'Comment on an open issue' : 'No open issues', target: null });
  for (const issue of [...places.issues].sort((a, b) => b.number - a.number))
    items.push({
      label: `$(issues) #${issue.number} ${issue.title}`,
      description: 'comment',
      target: { kind: 'comment', repo, issue: issue.number },
    });
  return items;
}

/** `12`, `#12` or `owner/name#12` (for `repo`) as an issue number; null when it is none. */
export function parseIssueNumber(text: string, repo: string): number | null {
  const trimmed = text.trim();
  const full = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)#(\d+)$/.exec(trimmed);
  if (full) return full[1].toLowerCase() === repo.toLowerCase() ? Number(full[2]) : null;
  const short = /^#?(\d+)$/.exec(trimmed);
  return short && Number(short[1]) > 0 ? Number(short[1]) : null;
}
