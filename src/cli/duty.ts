import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Clock } from '../core/clock';
import type { DutyItem } from '../core/docs/duty';
import { joinPath, relativePath } from '../core/docs/paths';
import { TEAM_FILE, displayName, onDuty } from '../core/docs/rotation';
import { buildDuty } from '../node/docs/duty';
import { nodeFileSystem } from '../node/docs/nodeFileSystem';
import { readTeamFile } from '../node/docs/team';
import { systemTimeZone } from '../node/timeZone';
import { type Finding, writeCiFormat } from './annotations';
import { type CliIo, type Subcommand, UsageError } from './io';

const HELP = `Usage: cadence duty [PATH] [--format text|json|github|sarif] [--author EMAIL] [--strict]

The documentation duty list for PATH (default: the current folder): docs naming paths that are
gone (with where git saw them go), docs whose code changed since they did, overdue runbooks,
missing sections, decisions still Proposed, records with problems, stale onboarding guides — and
who is on duty, from ${TEAM_FILE}.
  --format json    { onDuty, period, items: [{kind, code, path, line, message, target, renamedTo, commits}] }
  --format github  GitHub Actions annotations, one per item, nothing else on stdout
  --format sarif   SARIF 2.1.0
  --author EMAIL   who is asking (the text output says whether it is their turn)
  --strict         exit 1 when any item is listed (for CI)
  --no-git         read no git history (no drift, renames or last changes)
Example: cadence duty . --format github --strict
Exit codes: 0 done, 1 something could not be read (or items with --strict), 2 usage error.
`;

type Format = 'text' | 'json' | 'github' | 'sarif';

interface Options {
  path?: string;
  format: Format;
  author?: string;
  strict: boolean;
  git: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  const options: Options = { format: 'text', strict: false, git: true };
  const value = (arg: string, i: number): string => {
    const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i];
    if (v === undefined || v === '') throw new UsageError(`${arg.split('=')[0]} needs a value`);
    return v;
  };
  let positional = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!positional && (arg === '--help' || arg === '-h')) return 'help';
    if (!positional && arg === '--') positional = true;
    else if (!positional && arg === '--strict') options.strict = true;
    else if (!positional && arg === '--no-git') options.git = false;
    else if (!positional && (arg === '--format' || arg.startsWith('--format='))) {
      const format = value(arg, arg.includes('=') ? i : ++i);
      if (!['text', 'json', 'github', 'sarif'].includes(format))
        throw new UsageError(`--format must be text, json, github or sarif, not '${format}'`);
      options.format = format as Format;
    } else if (!positional && (arg === '--author' || arg.startsWith('--author='))) {
      const author = value(arg, arg.includes('=') ? i : ++i);
      if (!/^[^\s@]+@[^\s@]+$/.test(author))
        throw new UsageError(`--author must be an e-mail address, not '${author}'`);
      options.author = author.toLowerCase();
    } else if (!positional && arg.startsWith('-') && arg !== '-')
      throw new UsageError(`unknown option '${arg}' (see 'cadence duty --help')`);
    else if (options.path !== undefined) throw new UsageError(`one PATH only, not '${options.path}' and '${arg}'`);
    else if (arg === '') throw new UsageError('PATH is empty');
    else options.path = arg;
  }
  return options;
}

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

/** Items as findings for GitHub annotations and SARIF (paths relative to the folder asked about). */
export function dutyFindings(json: DutyJson, items: readonly DutyItem[]): Finding[] {
  return json.items.map((item, i) => ({
    path: item.path,
    line: item.line,
    severity: items[i].severity,
    ruleId: item.code ?? item.kind,
    message: item.message,
  }));
}

/** `cadence duty`: the documentation duty list and whose turn it is. */
export function dutyCommand(clock: Clock = { now: () => Date.now() }, userZone?: string): Subcommand {
  return {
    summary: 'list what documentation needs a writer, and who is on duty',
    async run(args: string[], io: CliIo): Promise<number> {
      const options = parseArgs(args);
      if (options === 'help') {
        io.stdout.write(HELP);
        return 0;
      }
      const asked = path.resolve(io.cwd, options.path ?? '.');
      const stat = await nodeFileSystem.stat(asked);
      if (!stat) {
        io.stderr.write(`cadence duty: cannot read ${asked}: no such file or folder\n`);
        return 1;
      }
      let folder = stat.type === 'directory' ? asked : path.dirname(asked);
      try {
        folder = realpathSync(folder);
        await nodeFileSystem.readDirectory(folder);
      } catch (error) {
        io.stderr.write(
          `cadence duty: cannot read ${folder}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return 1;
      }
      const posix = path.sep === '/' ? folder : folder.split(path.sep).join('/');
      const report = await buildDuty(posix, { clock, git: options.git });
      const only = stat.type === 'file' ? joinPath(posix, path.basename(asked)) : undefined;
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
      if (options.format === 'json') io.stdout.write(JSON.stringify(json, null, 2) + '\n');
      else if (!writeCiFormat(options.format, dutyFindings(json, items), io)) {
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
      return options.strict && json.items.length > 0 ? 1 : 0;
    },
  };
}
