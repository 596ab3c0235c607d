// Parsers for the output of the git commands the snapshot runs (log, status, config, for-each-ref).
import type { BranchInfo, RawCommit } from '../../core/weekly/model';
import { decode, utf8 } from '../decode';

const FIELDS = ['%H', '%P', '%T', '%an', '%ae', '%at', '%ce', '%ct', '%s', '%b'];
export const LOG_FORMAT = FIELDS.join('%x1f');

/**
 * Parses `git log -z --format=<LOG_FORMAT>` output (NUL between records, 0x1f between fields) as it
 * arrives: each chunk's complete records are parsed while git is still walking, so little is left
 * to do when it exits. A NUL never occurs inside a UTF-8 sequence, so records split cleanly.
 */
export class LogParser {
  readonly commits: RawCommit[] = [];
  private pending: Buffer[] = [];

  push(chunk: Buffer): void {
    const last = chunk.lastIndexOf(0);
    if (last < 0) {
      this.pending.push(chunk);
      return;
    }
    const complete = chunk.subarray(0, last);
    const bytes = this.pending.length > 0 ? Buffer.concat([...this.pending, complete]) : complete;
    this.pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    this.parse(bytes);
  }

  /** The commits of all the output pushed. */
  end(): RawCommit[] {
    if (this.pending.length > 0) this.parse(Buffer.concat(this.pending));
    this.pending = [];
    return this.commits;
  }

  private parse(bytes: Buffer): void {
    // Nearly always the output is UTF-8 (git re-encodes declared encodings): decode it at once.
    // Only when that fails is each record decoded on its own, so one Latin-1 message stays local.
    let records: string[];
    try {
      records = utf8.decode(bytes).split('\0');
    } catch {
      records = [];
      for (let start = 0; start < bytes.length;) {
        let end = bytes.indexOf(0, start);
        if (end < 0) end = bytes.length;
        records.push(decode(bytes.subarray(start, end)));
        start = end + 1;
      }
    }
    for (const record of records) {
      if (!record.trim()) continue;
      const fields = record.replace(/^\n+/, '').split('\x1f');
      if (fields.length < FIELDS.length) continue;
      const [sha, parents, tree, authorName, authorEmail, authorDate, committerEmail, committerDate, subject, ...body] =
        fields;
      this.commits.push({
        sha,
        parents: parents ? parents.split(' ') : [],
        tree,
        authorName,
        authorEmail,
        authorDate: Number(authorDate) * 1000,
        committerEmail,
        committerDate: Number(committerDate) * 1000,
        subject,
        body: body.join('\x1f').trim(),
      });
    }
  }
}

/** Parses the whole output of `git log -z --format=<LOG_FORMAT>`. */
export function parseLog(bytes: Buffer): RawCommit[] {
  const parser = new LogParser();
  parser.push(bytes);
  return parser.end();
}

export interface Status {
  head: string | null;
  branch: string | null;
  uncommitted: number;
  stashes: number;
  /** Paths of the uncommitted changes (repository-relative, `/`-separated). */
  changed: string[];
}

/** Fields before the path in a porcelain v2 entry, by entry type. */
const PATH_FIELD: Record<string, number> = { '1': 8, '2': 9, u: 10, '?': 1, '!': 1 };

/** Parses `git status --porcelain=v2 --branch --show-stash -z`. */
export function parseStatus(bytes: Buffer): Status {
  const status: Status = { head: null, branch: null, uncommitted: 0, stashes: 0, changed: [] };
  const entries = decode(bytes).split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    if (entry.startsWith('# branch.oid ')) {
      const oid = entry.slice('# branch.oid '.length);
      status.head = oid === '(initial)' ? null : oid;
    } else if (entry.startsWith('# branch.head ')) {
      const head = entry.slice('# branch.head '.length);
      status.branch = head === '(detached)' ? null : head;
    } else if (entry.startsWith('# stash ')) {
      status.stashes = Number(entry.slice('# stash '.length)) || 0;
    } else if (!entry.startsWith('#')) {
      status.uncommitted++;
      const fields = PATH_FIELD[entry[0]] ?? 1;
      status.changed.push(entry.split(' ').slice(fields).join(' '));
      // A rename/copy entry is followed by its original path as a separate NUL-terminated field.
      if (entry.startsWith('2 ')) i++;
    }
  }
  return status;
}

export interface Config {
  userEmail: string | null;
  remotes: Map<string, string>;
}

export function parseConfig(bytes: Buffer): Config {
  const config: Config = { userEmail: null, remotes: new Map() };
  for (const entry of decode(bytes).split('\0')) {
    const newline = entry.indexOf('\n');
    if (newline < 0) continue;
    const key = entry.slice(0, newline);
    const value = entry.slice(newline + 1);
    if (key === 'user.email') config.userEmail = value;
    const remote = /^remote\.(.+)\.url$/.exec(key);
    if (remote && !config.remotes.has(remote[1])) config.remotes.set(remote[1], value);
  }
  return config;
}

export interface Refs {
  branches: BranchInfo[];
  /** origin/HEAD's target, e.g. { name: 'main', tip } */
  originHead: { name: string; tip: string } | null;
}

/** `git for-each-ref` with REF_FORMAT: one ref a line, fields separated by NUL. */
export const REF_FORMAT = [
  '%(refname)',
  '%(objectname)',
  '%(symref)',
  '%(authorname)',
  '%(authoremail)',
  '%(authordate:unix)',
  '%(subject)',
].join('%00');

export function parseRefs(bytes: Buffer): Refs {
  const refs: Refs = { branches: [], originHead: null };
  const remoteTips = new Map<string, string>();
  let originHeadTarget: string | null = null;
  for (const line of decode(bytes).split('\n')) {
    const [ref, sha, symref, authorName = '', authorEmail = '', authorDate = '0', subject = ''] = line.split('\0');
    if (!ref || !sha) continue;
    if (ref.startsWith('refs/heads/')) {
      refs.branches.push({
        name: ref.slice('refs/heads/'.length),
        tip: sha,
        tipAuthorName: authorName,
        tipAuthorEmail: authorEmail.replace(/^<|>$/g, ''),
        tipAuthorDate: Number(authorDate) * 1000,
        tipSubject: subject,
        merged: null,
      });
    } else if (ref === 'refs/remotes/origin/HEAD') originHeadTarget = symref || null;
    else if (ref.startsWith('refs/remotes/')) remoteTips.set(ref, sha);
  }
  if (originHeadTarget) {
    const tip = remoteTips.get(originHeadTarget);
    if (tip) refs.originHead = { name: originHeadTarget.replace(/^refs\/remotes\/origin\//, ''), tip };
  }
  return refs;
}
