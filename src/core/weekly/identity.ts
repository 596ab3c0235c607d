// Who "me" is. Matching is exact on normalized emails (after .mailmap), never a regex on names:
// two people called "Alex" must not merge, and one person with three addresses must.

/** One `.mailmap` entry: commits by (commitName?, commitEmail) are shown as (properName?, properEmail?). */
export interface MailmapEntry {
  properName: string | null;
  properEmail: string | null;
  commitName: string | null;
  commitEmail: string;
}

/** Lower-cases and trims an address; `.mailmap` and git compare emails case-insensitively. */
export function normalizeEmail(email: string): string {
  return email.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** Parses `.mailmap` text (the four forms git documents; `#` comments). Malformed lines are skipped. */
export function parseMailmap(text: string): MailmapEntry[] {
  const entries: MailmapEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    // name? <email> name? <email>?
    const match = /^([^<]*)<([^>]*)>\s*([^<]*?)\s*(?:<([^>]*)>)?\s*$/.exec(line);
    if (!match) continue;
    const [, firstName, firstEmail, secondName, secondEmail] = match;
    const properName = firstName.trim() || null;
    if (secondEmail === undefined) {
      // "Proper Name <commit@email>": only the name changes.
      entries.push({ properName, properEmail: null, commitName: null, commitEmail: normalizeEmail(firstEmail) });
    } else {
      entries.push({
        properName,
        properEmail: firstEmail.trim() || null,
        commitName: secondName.trim() || null,
        commitEmail: normalizeEmail(secondEmail),
      });
    }
  }
  return entries;
}

/** Resolves a commit's (name, email) through the mailmap, as `git log --use-mailmap` would. */
export function resolveMailmap(
  entries: readonly MailmapEntry[],
  name: string,
  email: string,
): { name: string; email: string } {
  const key = normalizeEmail(email);
  let best: MailmapEntry | undefined;
  for (const entry of entries) {
    if (entry.commitEmail !== key) continue;
    if (entry.commitName !== null) {
      // A name-qualified entry wins over an email-only one, as in git.
      if (entry.commitName.toLowerCase() === name.trim().toLowerCase()) best = entry;
    } else if (!best || best.commitName === null) {
      best = entry;
    }
  }
  if (!best) return { name, email };
  return { name: best.properName ?? name, email: best.properEmail ?? email };
}

/**
 * The identity keys of an address: the normalized email, plus `github:<login>` for GitHub's noreply
 * forms (`ID+login@users.noreply.github.com` and the older `login@users.noreply.github.com`), so
 * both forms of the same account match each other.
 */
export function identityKeys(email: string): string[] {
  const normalized = normalizeEmail(email);
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(normalized);
  return noreply ? [normalized, `github:${noreply[1]}`] : [normalized];
}

/** A co-author credited in a `Co-authored-by:` trailer. */
export interface CoAuthor {
  name: string;
  email: string;
}

/** Parses `Co-authored-by: Name <email>` trailers (case-insensitive key, any position in the body). */
export function coAuthors(body: string): CoAuthor[] {
  const found: CoAuthor[] = [];
  // Asked of nearly every commit of a week: most bodies have no trailer, and a plain search is cheap.
  if (!/co-authored-by:/i.test(body)) return found;
  for (const match of body.matchAll(/^\s*co-authored-by:\s*(.*?)\s*<([^>]+)>\s*$/gim)) {
    found.push({ name: match[1], email: match[2] });
  }
  return found;
}

/** The set of people counted as "me". */
export class Identity {
  private readonly keys = new Set<string>();
  /** The addresses as the user knows them, for "Counting you as …". */
  readonly shown: string[] = [];

  constructor(
    emails: readonly string[],
    private readonly mailmap: readonly MailmapEntry[] = [],
  ) {
    for (const email of emails) this.add(email);
  }

  /** Adds an address (and its mailmap-canonical form) to "me". */
  add(email: string): void {
    if (!email.trim()) return;
    this.memo.clear();
    const canonical = resolveMailmap(this.mailmap, '', email).email;
    let added = false;
    for (const address of [email, canonical]) {
      for (const key of identityKeys(address)) {
        if (!this.keys.has(key)) {
          this.keys.add(key);
          added = true;
        }
      }
    }
    const shown = normalizeEmail(email);
    if (added && !this.shown.includes(shown)) this.shown.push(shown);
  }

  /** email → name → answer. */
  private readonly memo = new Map<string, Map<string, boolean>>();

  /** Whether a commit's author (name, email), resolved through the mailmap, is "me". */
  matches(name: string, email: string): boolean {
    // A week has thousands of commits by a few dozen people: remember each answer (by two lookups,
    // not a key built for every commit).
    let byName = this.memo.get(email);
    const known = byName?.get(name);
    if (known !== undefined) return known;
    const resolved = resolveMailmap(this.mailmap, name, email);
    const result = [email, resolved.email].some((address) => identityKeys(address).some((key) => this.keys.has(key)));
    if (!byName) this.memo.set(email, (byName = new Map()));
    byName.set(name, result);
    return result;
  }
}

/** Default bot markers: matched case-insensitively against author names and emails. */
export const DEFAULT_BOTS = ['[bot]', 'dependabot', 'renovate', 'github-actions'];

/** Whether an author is a bot (`[bot]` suffix, dependabot, renovate, or a configured marker). */
export function isBot(name: string, email: string, markers: readonly string[]): boolean {
  const haystack = `${name}\n${email}`.toLowerCase();
  return markers.some((marker) => marker && haystack.includes(marker.toLowerCase()));
}

/** isBot for many commits by few authors: each (name, email) is checked once. */
export function botCheck(markers: readonly string[]): (name: string, email: string) => boolean {
  const memo = new Map<string, Map<string, boolean>>();
  return (name, email) => {
    let byName = memo.get(email);
    let known = byName?.get(name);
    if (known === undefined) {
      known = isBot(name, email, markers);
      if (!byName) memo.set(email, (byName = new Map()));
      byName.set(name, known);
    }
    return known;
  };
}
