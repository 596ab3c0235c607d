import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../core/clock';
import { DEFAULT_DUTY_SETTINGS, type DutyItem, type DutySettings } from '../core/docs/duty';
import { joinPath, rebaseGlob, relativePath } from '../core/docs/paths';
import { TEAM_FILE, displayName, onDuty } from '../core/docs/rotation';
import { buildDuty, shallowNote } from '../node/docs/duty';
import { nodeFileSystem } from '../node/docs/nodeFileSystem';
import { folderReading, readRepoDocsSettings } from '../node/docs/repoDocsSettings';
import { readTeamFile } from '../node/docs/team';
import { systemTimeZone } from '../node/timeZone';
import { type Finding, writeCiFormat } from './annotations';
import { defineCommand, type FlagSpec, type Subcommand } from './args';
import type { CliIo } from './io';
import { formatFlag, writeJson } from './output';
import { gitOrSay } from './gitCheck';
import { folderOfArgument } from './paths';

/** JSON `duty` output: the documented contract (keys exactly as in the README and the issue). */
export interface DutyJson {
  onDuty: string | null;
  period: { start: string; end: string } | null;
  items: {
    kind: DutyItem['kind'];
    code: string | null;
    path: string;
    line: number | null;
    message: string;
    target: string | null;
    renamedTo: string | null;
    commits: number | null;
  }[];
}

/** Items as findings for GitHub annotations and SARIF, with paths from the repository's top folder
 * (`ciBase`), where GitHub places them. */
export function dutyFindings(json: DutyJson, items: readonly DutyItem[], ciBase: string): Finding[] {
  return json.items.map((item, i) => ({
    path: relativePath(ciBase, items[i].path),
    line: item.line,
    severity: items[i].severity,
    ruleId: item.code ?? item.kind,
    message: item.message,
  }));
}

/** `cadence duty`: the documentation duty list and whose turn it is. */
export function dutyCommand(
  clock: Clock = { now: () => Date.now() },
  userZone?: string,
  /** The git executable (tests name a missing one). */
  gitPath = 'git',
): Subcommand {
  return defineCommand({
    name: 'duty',
    summary: 'list what documentation needs a writer, and who is on duty',
    description: `The documentation duty list for PATH (default: the current folder): docs naming paths that are
gone (with where git saw them go), docs whose code changed since they did, overdue runbooks,
missing sections, decisions still Proposed, records with problems, stale onboarding guides — and
who is on duty, from ${TEAM_FILE}.`,
    positionals: { name: 'PATH', kind: 'directory', description: 'the folder (or one doc) to check' },
    flags: {
      format: formatFlag(
        ['text', 'json', 'github', 'sarif'],
        'json: { onDuty, period, items: [{kind, code, path, line, message, target, renamedTo, commits}] }; github: GitHub Actions annotations, one per item, nothing else on stdout; sarif: SARIF 2.1.0',
      ),
      author: {
        type: 'string',
        value: 'EMAIL',
        description: 'who is asking (the text output says whether it is their turn)',
        check: (author) =>
          /^[^\s@]+@[^\s@]+$/.test(author) ? undefined : `must be an e-mail address, not '${author}'`,
      },
      strict: { type: 'boolean', description: 'exit 1 when any item is listed (for CI)' },
      'no-git': { type: 'boolean', description: 'read no git history (no drift, renames or last changes)' },
      'drift-commits': threshold('driftCommits', 'commits to the paths a doc names since it changed before it drifted'),
      'proposed-days': threshold('proposedDays', 'days a decision may stay Proposed'),
      'guide-stale-months': threshold('guideStaleMonths', 'months a guide may stay untouched'),
    },
    examples: [
      { command: 'cadence duty', description: 'what needs a writer in this repository, and whose turn it is' },
      {
        command: 'cadence duty . --format github --strict',
        description: 'in a GitHub Actions step: one annotation per item; exit 1 if there is any',
      },
    ],
    notes: `Exit codes: 0 done, 1 something could not be read (or, with --strict, items listed or git not found), 2 usage error.
Without git on PATH the items git finds (drift, renames, stale guides) are left out, said in one line on stderr.`,
    run: ({ flags, positionals }, io) =>
      listDuty(
        {
          path: positionals[0],
          format: flags.format ?? 'text',
          author: flags.author?.toLowerCase(),
          strict: flags.strict,
          git: !flags['no-git'],
          thresholds: {
            driftCommits: flags['drift-commits'],
            proposedDays: flags['proposed-days'],
            guideStaleMonths: flags['guide-stale-months'],
          },
        },
        io,
        clock,
        userZone,
        gitPath,
      ),
  });
}

/** A threshold flag: the CLI's spelling of a `cadence.docs.*` setting, with the same default. */
function threshold(setting: keyof DutySettings, description: string): FlagSpec {
  return {
    type: 'string',
    value: 'N',
    description: `${description} (default: cadence.docs.${setting} in the repository's settings, else ${DEFAULT_DUTY_SETTINGS[setting]})`,
    positive: true,
  };
}

async function listDuty(
  options: {
    path: string | undefined;
    format: string;
    author: string | undefined;
    strict: boolean;
    git: boolean;
    /** The threshold flags given (they win over the repository's settings). */
    thresholds: Record<keyof DutySettings, string | undefined>;
  },
  io: CliIo,
  clock: Clock,
  userZone: string | undefined,
  gitPath: string,
): Promise<number> {
  const asked = path.resolve(io.cwd, options.path ?? '.');
  const named = await folderOfArgument(io, 'duty', asked);
  if (!named) return 1;
  let folder = named.folder;
  try {
    folder = realpathSync(folder);
    await nodeFileSystem.readDirectory(folder);
  } catch (error) {
    io.stderr.write(`cadence duty: cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const posix = path.sep === '/' ? folder : folder.split(path.sep).join('/');
  // The repository's own `cadence.docs.*` (.vscode/settings.json), as in the editor; flags win.
  const repo = await readRepoDocsSettings(posix);
  if (repo.problem) io.stderr.write(`cadence duty: ${repo.problem}\n`);
  const { values } = repo;
  const given = options.thresholds;
  const prefix = relativePath(repo.root, posix);
  // Without git the rest still works; the loss is said, and fails a --strict run.
  const git = options.git && (await gitOrSay(io, 'duty', folder, 'drift, rename and stale-guide items', gitPath));
  const report = await buildDuty(posix, {
    clock,
    git,
    gitPath,
    ...folderReading(repo, posix, []).options,
    // Guides are found from the folder: the settings' globs, seen from there.
    guideGlobs: values.guideGlobs.flatMap((glob) => rebaseGlob(glob, prefix === '.' ? '' : prefix) ?? []),
    runbookReviewDays: values.runbookReviewDays,
    runbookSections: values.runbookSections,
    settings: {
      driftCommits: Number(given.driftCommits ?? values.driftCommits),
      proposedDays: Number(given.proposedDays ?? values.proposedDays),
      guideStaleMonths: Number(given.guideStaleMonths ?? values.guideStaleMonths),
    },
  });
  const only = named.isFile ? joinPath(posix, path.basename(asked)) : undefined;
  const items = report.items.filter((i) => !only || i.path === only);
  const team = readTeamFile([...new Set([folder, report.root])]);
  const zone = userZone ?? systemTimeZone();
  const turn = team?.team ? onDuty(team.team, clock.now(), zone) : undefined;
  const fromRoot = (rel: string): string => {
    const out = relativePath(posix, joinPath(report.root, rel));
    return rel.endsWith('/') ? `${out}/` : out;
  };
  const json: DutyJson = {
    onDuty: turn?.person.email ?? null,
    period: turn ? { start: turn.start, end: turn.end } : null,
    items: items.map((item) => ({
      kind: item.kind,
      code: item.code ?? null,
      path: relativePath(posix, item.path),
      line: item.line === undefined ? null : item.line + 1,
      message: item.message,
      target: item.target === undefined ? null : fromRoot(item.target),
      renamedTo: item.renamedTo === undefined ? null : fromRoot(item.renamedTo),
      commits: item.commits ?? null,
    })),
  };
  if (options.format === 'json') writeJson(io, json);
  else if (!writeCiFormat(options.format, dutyFindings(json, items, repo.root), io)) {
    const who = turn
      ? `Docs duty this ${team?.team?.period === 'sprint' ? 'sprint' : 'week'}: ${displayName(turn.person) === turn.person.email ? turn.person.email : `${displayName(turn.person)} <${turn.person.email}>`} (${turn.start} – ${turn.end})` +
        (options.author ? (options.author === turn.person.email ? ' — you' : ' — not you') : '')
      : team?.team
        ? 'Nobody is on duty yet: the rotation has not started.'
        : team
          ? `Nobody is on duty: ${TEAM_FILE} has problems.`
          : `Nobody is on duty: no ${TEAM_FILE}.`;
    const lines = [who, '', `Duty items (${json.items.length})`];
    for (const item of json.items)
      lines.push(`  ${item.path}${item.line !== null ? `:${item.line}` : ''}  ${item.kind}  ${item.message}`);
    io.stdout.write(lines.join('\n') + '\n');
  }
  if (report.shallow) io.stderr.write(`cadence duty: note: ${shallowNote(report.root)}\n`);
  let failed = false;
  if (team && team.problems.length > 0) {
    io.stderr.write(`cadence duty: ${team.path}: ${team.problems.join(' ')}\n`);
    failed = true;
  }
  const unlisted = report.discovery.notes.find((n) => n.code === 'unreadable-folder');
  if (unlisted) {
    io.stderr.write(`cadence duty: cannot list ${unlisted.path}: ${unlisted.message}\n`);
    failed = true;
  }
  if (failed) return 1;
  if (!options.strict) return 0;
  if (json.items.length > 0) {
    // Whatever the format, the reason for exit 1 is said where a CI log shows it.
    const kinds = new Map<string, number>();
    for (const item of json.items) kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
    const byKind = [...kinds].map(([kind, n]) => `${n} ${kind}`).join(', ');
    const count = `${json.items.length} item${json.items.length === 1 ? '' : 's'}`;
    io.stderr.write(`cadence duty: --strict: ${count} found (${byKind}), exiting 1\n`);
    return 1;
  }
  if (options.git && !git) {
    io.stderr.write('cadence duty: --strict: git was not found, so the list is incomplete; exiting 1\n');
    return 1;
  }
  return 0;
}
