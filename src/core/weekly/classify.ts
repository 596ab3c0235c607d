// Conventional Commits through conventional-commits-parser (v7), configured for `type(scope)!:`
// and both `BREAKING CHANGE:` / `BREAKING-CHANGE:` notes. Non-conventional subjects are kept as
// they are: the draft summarizes them rather than dropping them.
import { CommitParser } from 'conventional-commits-parser';
import type { Forge } from './links';

/** What a commit message says about the change. */
export interface Classified {
  type: string | null;
  scope: string | null;
  breaking: boolean;
  /** The description without type, scope or a trailing "(#123)". */
  title: string;
}

// `type(scope): subject`; a space before the scope is read too (`fix (deps): …`, as people write it).
const HEADER = /^(\w+)(?: ?\(([^()]*)\))?: (.*)$/;
const BREAKING_HEADER = /^(\w+)(?: ?\(([^()]*)\))?!: (.*)$/;

const parser = new CommitParser({
  headerPattern: HEADER,
  breakingHeaderPattern: BREAKING_HEADER,
  headerCorrespondence: ['type', 'scope', 'subject'],
  noteKeywords: ['BREAKING CHANGE', 'BREAKING-CHANGE'],
  // Revert and merge detection is done on the raw subject by the folding code.
  revertPattern: /^\b$/,
  mergePattern: undefined,
});

/**
 * A trailing "(#123)" or "(!123)" on a subject: the PR / merge request reference squash merges
 * append (GitHub and Bitbucket write "#", GitLab "!"; on GitLab "#" names an issue).
 */
export const PR_SUFFIX = /\s*\(([#!])(\d+)\)\s*$/;

/** PR number from a subject's trailing reference on `forge`, or null (a GitLab "(#12)" is an issue). */
export function subjectPr(subject: string, forge: Forge = 'github'): number | null {
  const match = PR_SUFFIX.exec(subject);
  if (!match) return null;
  return match[1] === (forge === 'gitlab' ? '!' : '#') ? Number(match[2]) : null;
}

/** A subject as compared across copies of one change: without its "(#123)", trimmed, lower case. */
export function normalizedSubject(subject: string): string {
  return subject.replace(PR_SUFFIX, '').trim().toLowerCase();
}

/**
 * Types read as Conventional Commits. Anything else before a colon is an area prefix in the style of
 * git.git or the Linux kernel ("refs: move …", "t1234: …") and stays part of the title.
 */
export const CONVENTIONAL_TYPES: ReadonlySet<string> = new Set([
  'feat',
  'feature',
  'fix',
  'docs',
  'doc',
  'style',
  'refactor',
  'perf',
  'test',
  'tests',
  'build',
  'ci',
  'chore',
  'revert',
  'deps',
  'security',
]);

/**
 * GitHub's squash of a private fork's branch (a security advisory's fix) is titled "Merge commit
 * from fork"; its body lists the squashed commits as "* fix: …" lines, the first of which names the
 * change.
 */
function forkSquash(subject: string, body: string): string | undefined {
  if (!/^merge commit from fork$/i.test(subject.trim())) return undefined;
  return /^\* +(\S.*)$/m.exec(body)?.[1]?.trim() || undefined;
}

/**
 * Parses a commit message (subject + body) into type, scope, breaking flag and title.
 * `extraTypes` adds project types (e.g. those listed in cadence.weekly.hiddenTypes).
 */
export function classify(subject: string, body = '', extraTypes?: ReadonlySet<string>): Classified {
  const squashed = forkSquash(subject, body);
  if (squashed !== undefined) return classify(squashed, '', extraTypes);
  if (isReleaseSubject(subject)) {
    return { type: 'release', scope: null, breaking: false, title: subject.replace(PR_SUFFIX, '').trim() };
  }
  return fromHeader(readHeader(subject, body) ?? parseMessage(subject, body), subject, extraTypes);
}

/** What classify needs of a parsed message: the header's parts and whether a note says breaking. */
interface Header {
  type: string | null;
  scope: string | null;
  subject: string | null;
  breaking: boolean;
}

/**
 * The header read directly, as the parser reads it, for the messages where nothing else can count:
 * a one-line subject the parser keeps as the header (no line break, not a `gpg:` line it drops) and
 * a body that cannot hold a breaking-change note (the parser's notes need the word "breaking").
 * Anything else (undefined) goes through conventional-commits-parser. Same answers either way (a
 * unit test compares both over many messages); the parser's reference and mention scans cost more
 * than the rest of the draft's classification.
 */
function readHeader(subject: string, body: string): Header | undefined {
  if (!subject || /[\r\n]/.test(subject) || /^\s*gpg:/.test(subject) || /breaking/i.test(body)) return undefined;
  const bang = BREAKING_HEADER.exec(subject);
  const match = bang ?? HEADER.exec(subject);
  if (!match) return { type: null, scope: null, subject: null, breaking: false };
  // As the parser assigns them: an empty group is null.
  return { type: match[1] || null, scope: match[2] || null, subject: match[3] || null, breaking: bang !== null };
}

/** The message through conventional-commits-parser; null when it refuses it (an empty message). */
function parseMessage(subject: string, body: string): Header | null {
  let parsed;
  try {
    parsed = parser.parse(body ? `${subject}\n\n${body}` : subject);
  } catch {
    return null;
  }
  return {
    type: typeof parsed.type === 'string' && parsed.type ? parsed.type : null,
    scope: typeof parsed.scope === 'string' ? parsed.scope : null,
    subject: typeof parsed.subject === 'string' ? parsed.subject : null,
    breaking: parsed.notes.some((note) => /^BREAKING[ -]CHANGE$/i.test(note.title)),
  };
}

function fromHeader(parsed: Header | null, subject: string, extraTypes?: ReadonlySet<string>): Classified {
  const raw = parsed?.type ? parsed.type.toLowerCase() : null;
  const type = raw !== null && (CONVENTIONAL_TYPES.has(raw) || extraTypes?.has(raw)) ? raw : null;
  if (!parsed || !type) {
    return { type: null, scope: null, breaking: false, title: subject.replace(PR_SUFFIX, '').trim() };
  }
  const description = parsed.subject ?? subject;
  const scope = parsed.scope?.trim() ? parsed.scope.trim() : null;
  return { type, scope, breaking: parsed.breaking, title: description.replace(PR_SUFFIX, '').trim() };
}

/**
 * classify through conventional-commits-parser alone, whatever the message: the reference the
 * direct header reading is tested against.
 */
export function classifyByParser(subject: string, body = '', extraTypes?: ReadonlySet<string>): Classified {
  const squashed = forkSquash(subject, body);
  if (squashed !== undefined) return classifyByParser(squashed, '', extraTypes);
  if (isReleaseSubject(subject)) {
    return { type: 'release', scope: null, breaking: false, title: subject.replace(PR_SUFFIX, '').trim() };
  }
  return fromHeader(parseMessage(subject, body), subject, extraTypes);
}

/**
 * Capitalizes the first letter for display ("add proration" → "Add proration"), but leaves names
 * alone: a first word with digits or symbols is a package, a file or an identifier
 * ("finalhandler@2.1.0", "req.socket", "useState").
 */
export function sentenceCase(text: string): string {
  const first = /^\S*/.exec(text)?.[0] ?? '';
  if (!/^\p{Ll}+[,:;]?$/u.test(first)) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** PR number from a merge commit: GitHub, GitLab and Bitbucket forms. */
export function mergePr(subject: string, body: string): number | null {
  const github = /^Merge pull request #(\d+)\b/.exec(subject);
  if (github) return Number(github[1]);
  const gitlab = /See merge request [^\s!]+!(\d+)/.exec(body);
  if (gitlab) return Number(gitlab[1]);
  const bitbucket = /\(pull request #(\d+)\)/.exec(subject);
  if (bitbucket) return Number(bitbucket[1]);
  return null;
}

/** `fixup!`, `squash!` and `amend!` prefixes (possibly repeated): the target subject, or null. */
export function autosquashTarget(subject: string): string | null {
  const match = /^(?:(?:fixup|squash|amend)! +)+(.*)$/.exec(subject);
  return match ? match[1].trim() : null;
}

/** Subjects that say nothing by themselves ("WIP", "wip: tiers", "tmp", "…"): folded into neighbours. */
export function isWipSubject(subject: string): boolean {
  const s = subject.trim().toLowerCase();
  if (/^(wip|work in progress|tmp|temp|checkpoint|save|oops|typo|minor|update|fix|fixes|more|stuff|\.+|-+)$/.test(s)) {
    return true;
  }
  return /^(\[wip\]|wip\b|wip:|tmp\b|temp\b|do not merge\b|dnm\b)/.test(s);
}

const VERSION = String.raw`v?\d+\.\d+(?:\.\d+)?(?:[-+][\w.+-]+)?`;
// Built once: they are tested against every commit of a draft.
const RELEASE_SUBJECTS: readonly RegExp[] = [
  /^chore\(release\)!?:/i,
  /^release(?:\([^()]*\))?!?:/i,
  new RegExp(`^${VERSION}$`, 'i'),
  new RegExp(`^(?:chore(?:\\([^()]*\\))?!?: )?release\\b.*\\b${VERSION}$`, 'i'),
  /^(?:chore(?:\([^()]*\))?: )?release (?:main|master)$/i,
  /^(?:chore(?:\([^()]*\))?: )?version packages(?: \([\w.-]+\))?$/i,
  /^RELEASING: Releasing \d+ package/,
  /^(?:chore(?:\([^()]*\))?: )?publish(?:ed)?(?: packages)?$/i,
  new RegExp(`^(?:chore(?:\\([^()]*\\))?: )?bump version(?: to|:)? .*${VERSION}$`, 'i'),
];

/**
 * Release commits, whatever wrote them: `chore(release): 1.2.3` (standard-version, lerna),
 * `release: v1.2.3`, `Release v8.1.1`, a bare `v8.1.2` or `1.2.3` (npm version), release-please's
 * `chore(main): release 1.2.3`, changesets' `Version Packages` and `RELEASING: Releasing 2 package(s)`,
 * lerna's `Publish` / `chore(release): publish`, and `Bump version to 1.2.3`. Not `fix: release the
 * lock`: a release subject names a version or is one of these fixed phrases.
 */
export function isReleaseSubject(subject: string): boolean {
  const s = subject.replace(PR_SUFFIX, '').trim();
  return RELEASE_SUBJECTS.some((pattern) => pattern.test(s));
}

/** The target of a revert: (subject, sha) from `Revert "X"` and "This reverts commit <sha>". */
export interface RevertTarget {
  /** The reverted change's subject as quoted (`Revert "X"` → X, `revert: X` → X), or null. */
  subject: string | null;
  /** The subject of the commit this one reverts directly (`Revert "Revert "X""` → `Revert "X"`). */
  direct: string | null;
  sha: string | null;
  /**
   * How many times the change was reverted: 1 for a revert, 2 for a revert of a revert (a reapply,
   * which git 2.43+ writes `Reapply "X"`), and so on. Even counts re-apply the change.
   */
  depth: number;
}

/**
 * Reads a revert's subject and body. Handles what git, GitHub and people write: `Revert "X"`,
 * nested `Revert "Revert "X""` and `Reapply "X"`, the Conventional Commits `revert: X`, a quoted
 * revert filed under another type (`docs: revert "X"`, `fix(ui)!: Revert "X"`), and
 * "This reverts commit <sha>." in the body. A subject that merely contains the word ("fix: revert
 * the retry change") is not a revert.
 */
export function revertTarget(subject: string, body: string): RevertTarget | null {
  // Most commits are no revert: every form below needs one of these words (the draft asks this of
  // every commit, several times).
  if (!/revert|reapply/i.test(subject) && !body.includes('This reverts commit')) return null;
  const sha = /This reverts commit ([0-9a-f]{7,64})/.exec(body)?.[1] ?? null;
  let rest = subject.trim();
  let depth = 0;
  let direct: string | null = null;
  for (;;) {
    const quoted = /^(Revert|Reapply) "(.*)"(?:\s*\([#!]\d+\))?$/i.exec(rest);
    if (quoted) {
      const reapply = quoted[1].toLowerCase() === 'reapply';
      depth += reapply ? 2 : 1;
      rest = quoted[2].trim();
      direct ??= reapply ? `Revert "${rest}"` : rest;
      continue;
    }
    const conventional = /^revert(?:\([^()]*\))?!?: (.+)$/i.exec(rest);
    if (conventional) {
      depth++;
      rest = conventional[1].replace(/^"(.*)"$/, '$1').trim();
      direct ??= rest;
      continue;
    }
    // Any other type before a quoted revert (`docs: revert "docs: x"`, `fix(ui)!: Revert "x"`): the
    // type only files the revert; what follows reads as above. `fix: revert-button colour` is no revert.
    const typed = /^\w+(?:\([^()]*\))?!?: ((?:revert|reapply) ".*"(?:\s*\([#!]\d+\))?)$/i.exec(rest);
    if (typed) {
      rest = typed[1];
      continue;
    }
    break;
  }
  if (depth === 0 && !sha) return null;
  return { subject: depth > 0 ? rest : null, direct, sha, depth: Math.max(depth, 1) };
}
