// The weekly draft's documentation evidence for one repository (see src/core/docs/dutyWeek.ts): who
// is on duty in the window (the committed team file), which docs you changed (one `git log` over the
// window), and — for the person on duty — how many duty items those edits closed: the docs' earlier
// text comes from two `git cat-file` calls (sizes, then the small ones), and their drift without
// your commits from the duty's own history log (a second counter, no extra call). Bounded: at most
// MAX_DOCS earlier texts of at most MAX_TEXT bytes each.
import { existsSync, lstatSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../../core/clock';
import { isoDay } from '../../core/docs/dates';
import { classify } from '../../core/docs/classify';
import { discover } from '../../core/docs/discovery';
import { type DutyItem, type DutySettings, dutyItems } from '../../core/docs/duty';
import { countFixed, docChanges, parseWindowLog } from '../../core/docs/dutyWeek';
import { guideMatcher } from '../../core/docs/guides';
import { extractPathRefs, type PathRef } from '../../core/docs/pathRefs';
import { onDuty, TEAM_FILE } from '../../core/docs/rotation';
import { combineDocumentation, type RepoDocumentation } from '../../core/weekly/documentation';
import type { DocumentationEvidence, WeeklyDraft } from '../../core/weekly/model';
import { git, LOG_HARDENING } from '../git';
import { buildDuty } from './duty';
import { nodeFileSystem } from './nodeFileSystem';
import { readTeamFile } from './team';

const HOUR = 3_600_000;
/** Earlier texts read for the "fixed" count (the rest count as changed, not as fixed). */
const MAX_DOCS = 100;
const MAX_TEXT = 1024 * 1024;
const MAX_WINDOW_COMMITS = 5000;

export interface DutyWeekRequest {
  /** Repository root (absolute). */
  root: string;
  /** Display name of the repository in the draft. */
  repo: string;
  window: { start: number; end: number; timeZone: string };
  /** Your addresses (the draft's identities, lower case). */
  identities: readonly string[];
  now: number;
  settings?: Partial<DutySettings>;
  gitPath?: string;
  signal?: AbortSignal;
}

export interface DutyWeekResult {
  evidence?: RepoDocumentation;
  /** A line for the user when the team file cannot be used. */
  notice?: string;
}

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** The objects named `names` (`rev:path`), as text; missing, large or non-blob objects are left out. */
async function readBlobs(
  root: string,
  names: readonly string[],
  options: DutyWeekRequest,
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const usable = names.filter((name) => !/[\n\r]/.test(name));
  if (usable.length === 0) return texts;
  const opts = { gitPath: options.gitPath, signal: options.signal };
  const check = (await git(['cat-file', '--batch-check'], root, { ...opts, input: usable.join('\n') + '\n' }))
    .toString('utf8')
    .split('\n');
  const wanted: { name: string; oid: string }[] = [];
  usable.forEach((name, i) => {
    const [oid, type, size] = (check[i] ?? '').split(' ');
    if (type === 'blob' && Number(size) <= MAX_TEXT) wanted.push({ name, oid });
  });
  if (wanted.length === 0) return texts;
  const out = await git(['cat-file', '--batch'], root, {
    ...opts,
    input: wanted.map((w) => w.oid).join('\n') + '\n',
    maxBuffer: wanted.length * (MAX_TEXT + 200),
  });
  let at = 0;
  for (const { name } of wanted) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) break;
    const size = Number(out.subarray(at, eol).toString('latin1').split(' ')[2]);
    if (!Number.isFinite(size)) break;
    const body = out.subarray(eol + 1, eol + 1 + size);
    if (!body.includes(0)) texts.set(name, body.toString('utf8'));
    at = eol + 1 + size + 1;
  }
  return texts;
}

/** Whether the `.mailmap` of the work tree at `root` is absent or a regular file git may read. */
function mailmapReadable(root: string): boolean {
  try {
    return lstatSync(path.join(root, '.mailmap')).isFile();
  } catch {
    return true;
  }
}

/**
 * One repository's documentation evidence for the draft's window; `evidence` is undefined when the
 * repository has no team file (then nobody is on duty and the draft says nothing about docs).
 */
export async function dutyWeek(request: DutyWeekRequest): Promise<DutyWeekResult> {
  const team = readTeamFile([request.root]);
  if (!team) return {};
  if (!team.team) return { notice: `${TEAM_FILE} in ${request.repo}: ${team.problems[0]}` };
  const { window } = request;
  // The middle of the window decides the turn: a week's start in your zone may still be the previous
  // week in the team's.
  const turn = onDuty(team.team, window.start + (window.end - window.start) / 2, window.timeZone);
  const mine = new Set(request.identities.map((email) => email.toLowerCase()));
  const isOnDuty = turn !== undefined && mine.has(turn.person.email);
  const root = toPosix(request.root);

  const log = await git(
    [
      'log',
      ...LOG_HARDENING,
      'HEAD',
      '--no-merges',
      `-n${MAX_WINDOW_COMMITS}`,
      `--since=${new Date(window.start - HOUR).toISOString()}`,
      // `%aE` has git read the work tree's `.mailmap`: only when it is a regular file (git itself
      // refuses a link; a FIFO there would never end).
      `--format=%x1e%H%x1f${mailmapReadable(request.root) ? '%aE' : '%ae'}%x1f%at`,
      '--name-only',
      '--no-renames',
    ],
    request.root,
    { gitPath: request.gitPath, signal: request.signal },
  ).catch(() => undefined);
  const discovery = await discover(nodeFileSystem, root, { searchUpward: true });
  const isGuide = guideMatcher();
  const isDoc = (rel: string) => isGuide(rel) || classify(discovery, `${root}/${rel}`) !== undefined;
  const changes = docChanges(parseWindowLog(log?.toString('utf8') ?? ''), window, (e) => mine.has(e), isDoc);
  const base = { repo: request.repo, onDuty: isOnDuty, changed: changes.changed };
  if (!isOnDuty) return { evidence: { ...base, fixed: null, items: null } };

  // A doc you deleted is a change, not a fix: only docs that are there now are measured.
  const measured = changes.changed.filter((doc) => existsSync(path.join(request.root, doc))).slice(0, MAX_DOCS);
  const names = measured.map((doc) => `${changes.first.get(doc)}^:${doc}`);
  const before = await readBlobs(request.root, names, request);
  const oldRefs = new Map<string, PathRef[]>();
  measured.forEach((doc, i) => {
    const text = before.get(names[i]);
    if (text !== undefined) oldRefs.set(doc, extractPathRefs(text, doc));
  });
  const clock: Clock = { now: () => request.now };
  const report = await buildDuty(root, {
    clock,
    settings: request.settings,
    gitPath: request.gitPath,
    withoutEdits: { docs: new Set(measured), refs: oldRefs, ignore: changes.shas },
  });
  const changedAbs = new Set(measured.map((doc) => `${report.root}/${doc}`));
  const now = report.items.filter((item) => changedAbs.has(item.path));

  // The same index, with the measured docs' earlier text (cross-record problems stay right).
  const refs = new Map<string, PathRef[]>();
  const lastChanges = new Map<string, string>();
  measured.forEach((doc, i) => {
    const abs = `${report.root}/${doc}`;
    const text = before.get(names[i]);
    const kind = classify(report.discovery, abs);
    if (text === undefined) report.index.remove(abs);
    else if (kind?.kind === 'decision') report.index.setDecision(abs, text, kind.folder, kind.log4brains);
    else if (kind?.kind === 'runbook') report.index.setRunbook(abs, text, kind.folder);
    if (text !== undefined) refs.set(abs, oldRefs.get(doc) ?? []);
    const earlier = report.evidence?.without?.lastChange.get(doc);
    if (earlier !== undefined) lastChanges.set(abs, isoDay(earlier));
  });
  report.index.setLastChanges(lastChanges);
  const then: DutyItem[] = dutyItems({
    root: report.root,
    index: report.index,
    guides: report.guides.filter((guide) => changedAbs.has(guide.path) && refs.has(guide.path)),
    refs,
    exists: report.exists,
    history: report.evidence?.without,
    renames: report.evidence?.renames,
    settings: request.settings,
    clock,
  }).filter((item) => changedAbs.has(item.path) && refs.has(item.path));
  const fixed = countFixed(then, now);
  return { evidence: { ...base, fixed, items: report.items.length + fixed } };
}

/**
 * The draft's documentation evidence over its repositories (`draft.repos`, each read once): null when
 * none has a team file. A repository whose evidence cannot be read adds a notice, never fails the draft.
 */
export async function weeklyDocumentation(
  draft: WeeklyDraft,
  options: Pick<DutyWeekRequest, 'now' | 'gitPath' | 'signal' | 'settings'>,
): Promise<{ documentation: DocumentationEvidence | null; notices: string[] }> {
  const perRepo: RepoDocumentation[] = [];
  const notices: string[] = [];
  for (const { name: repo, path: root } of draft.repos) {
    try {
      const result = await dutyWeek({ ...options, root, repo, window: draft.window, identities: draft.identities });
      if (result.evidence) perRepo.push(result.evidence);
      if (result.notice) notices.push(result.notice);
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      notices.push(
        `the documentation duty of ${repo} is left out of the draft: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { documentation: combineDocumentation(perRepo, draft.repos.length > 1), notices };
}
