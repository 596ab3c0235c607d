import * as path from 'node:path';
import { printable } from '../core/printable';
import type { Clock } from '../core/clock';
import { DocsIndex, loadRoot } from '../core/docs/index';
import { isSerious, leveled, readDiagnosticLevels } from '../core/docs/levels';
import { isInside, relativePath } from '../core/docs/paths';
import { STATUS_LABELS, statusDisplay } from '../core/docs/status';
import { lastChangeDates } from '../node/docs/git';
import { nodeFileSystem } from '../node/docs/nodeFileSystem';
import { type RepoDocsSettings, folderReading, readRepoDocsSettings } from '../node/docs/repoDocsSettings';
import { writeCiFormat } from './annotations';
import { defineCommand, type Subcommand } from './args';
import { formatFlag, paint, writeJson } from './output';
import { gitOrSay } from './gitCheck';
import { folderOfArgument } from './paths';
import type { CliIo } from './io';

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** JSON `docs` output: the documented contract (keys exactly as in the README). */
export interface DocsJson {
  decisions: {
    path: string;
    number: number | null;
    title: string;
    status: string;
    statusText: string;
    date: string | null;
    supersedes: string[];
    supersededBy: string[];
    tags: string[];
    format: string;
  }[];
  runbooks: {
    path: string;
    title: string;
    owner: string | null;
    service: string | null;
    lastReviewed: string | null;
    reviewDue: string | null;
    stale: boolean;
    /** The standard sections present, as written. */
    sections: string[];
    /** The sections the runbook's collection expects and it lacks. */
    missingSections: string[];
  }[];
  problems: { path: string; line: number; code: string; message: string }[];
  /**
   * Each configured glob — `--runbooks`, or the repository's cadence.docs.runbookGlobs and
   * decisionGlobs — as written, and how many Markdown files it matched (0: it finds nothing).
   */
  globs: { glob: string; files: number }[];
}

/** `cadence docs`: the same index the sidebar uses, over Node's fs. */
export function docsCommand(
  clock: Clock = { now: () => Date.now() },
  /** The git executable (tests name a missing one). */
  gitPath = 'git',
): Subcommand {
  return defineCommand({
    name: 'docs',
    summary: 'list decision records, runbooks and their problems',
    description: 'Lists the decision records, runbooks and problems under each PATH (default: the current folder).',
    positionals: {
      name: 'PATH',
      multiple: true,
      kind: 'directory',
      description: 'a folder or record to read (repeatable)',
    },
    flags: {
      format: formatFlag(
        ['text', 'json', 'github', 'sarif'],
        'json: paths relative to PATH (to the current folder when several PATHs are given), 1-based lines; github: GitHub Actions annotations, one per problem, nothing else on stdout; sarif: SARIF 2.1.0, for code scanning',
      ),
      strict: {
        type: 'boolean',
        description:
          "exit 1 when any warning or error is found (for CI), at the levels of cadence.docs.diagnostics in the repository's .vscode/settings.json",
      },
      'no-git': { type: 'boolean', description: "do not read runbooks' last change from git" },
      runbooks: {
        type: 'string',
        multiple: true,
        value: 'GLOB',
        description:
          'also read the Markdown files matching GLOB, relative to PATH, as runbooks, e.g. "source/**/*.md.erb"; given, it replaces cadence.docs.runbookGlobs of the repository\'s settings',
      },
    },
    examples: [
      { command: 'cadence docs', description: 'the records and runbooks of the current repository' },
      {
        command: 'cadence docs --strict --format json docs/decisions',
        description: 'one folder as JSON; exit 1 if it has any warning or error',
      },
      {
        command: 'cadence docs --strict --format github',
        description: 'in a GitHub Actions step: one annotation per problem; exit 1 if there is any',
      },
      {
        command: "cadence docs --runbooks 'source/**/*.md.erb' --format json",
        description: 'a tech-docs site: its .md.erb pages are runbooks; "globs" says how many files matched',
      },
      { command: 'cadence docs -- -0103-odd-name.md', description: "a file whose name starts with '-'" },
    ],
    notes: `Exit codes: 0 done, 1 a PATH could not be read (or, with --strict, problems or git not found), 2 usage error.
Without git on PATH runbooks' last changes (and the overdue problems from them) are left out, said in one line on stderr.`,
    run: (args, io) =>
      listDocs(
        {
          paths: args.positionals,
          format: args.flags.format ?? 'text',
          strict: args.flags.strict,
          git: !args.flags['no-git'],
          runbookGlobs: args.flags.runbooks,
        },
        io,
        clock,
        gitPath,
      ),
  });
}

async function listDocs(
  options: { paths: string[]; format: string; strict: boolean; git: boolean; runbookGlobs: string[] },
  io: CliIo,
  clock: Clock,
  gitPath: string,
): Promise<number> {
  // The core works on '/'-separated paths; Node accepts them on every platform.
  const roots = (options.paths.length > 0 ? options.paths : ['.']).map((p) => toPosix(path.resolve(io.cwd, p)));
  const base =
    roots.length === 1
      ? (await nodeFileSystem.stat(roots[0]))?.type === 'directory'
        ? roots[0]
        : path.dirname(roots[0])
      : io.cwd;
  // The repository's own `cadence.docs.*` (.vscode/settings.json), as in the editor; flags win.
  const said = new Set<string>();
  const settingsOf = async (folder: string): Promise<RepoDocsSettings> => {
    const read = await readRepoDocsSettings(folder);
    if (read.problem && !said.has(read.problem)) io.stderr.write(`cadence docs: ${read.problem}\n`);
    if (read.problem) said.add(read.problem);
    return read;
  };
  const settings = await settingsOf(toPosix(base));
  const repoRoot = settings.root;
  const index = new DocsIndex({
    clock,
    runbookReviewDays: settings.values.runbookReviewDays,
    runbookSections: settings.values.runbookSections,
  });
  const unlisted: string[] = [];
  // Each configured glob (flag or setting) as written, with where it came from and what it matched.
  const globFiles = new Map<string, { glob: string; source: string; files: number }>();
  const countGlob = (glob: string, source: string, files: number): void => {
    const key = `${source}\0${glob}`;
    globFiles.set(key, { glob, source, files: (globFiles.get(key)?.files ?? 0) + files });
  };
  for (const glob of options.runbookGlobs) countGlob(glob, '--runbooks', 0);
  // Asked once, when git is first needed; without it the rest still works and the loss is said.
  let gitChecked: Promise<boolean> | undefined;
  const gitRuns = (folder: string): Promise<boolean> =>
    (gitChecked ??= gitOrSay(io, 'docs', folder, "runbooks' last changes (and overdue reviews)", gitPath));
  for (const root of roots) {
    const named = await folderOfArgument(io, 'docs', root);
    if (!named) return 1;
    const { folder } = named;
    try {
      // A folder that exists but cannot be listed is a failure to read, not an empty result.
      await nodeFileSystem.readDirectory(folder);
      const reading = folderReading(await settingsOf(folder), folder, options.runbookGlobs);
      const discovery = await loadRoot(nodeFileSystem, index, folder, reading.options);
      for (const { glob, kind, files } of discovery.globs) {
        const flag = kind === 'runbook' && options.runbookGlobs.length > 0;
        countGlob(reading.written(glob), flag ? '--runbooks' : `cadence.docs.${kind}Globs`, files);
      }
      for (const note of discovery.notes) {
        if (note.code === 'unreadable-folder') unlisted.push(`${note.path}: ${note.message}`);
      }
      // This root's runbooks only: an earlier root's paths may lie in another repository.
      const own = index.runbooks().filter((r) => isInside(folder, r.path));
      if (options.git && discovery.runbookFolders.length + own.length > 0 && (await gitRuns(folder))) {
        const runbookPaths = own.map((r) => r.path);
        const dates = await lastChangeDates(
          folder,
          runbookPaths.length > 200 ? discovery.runbookFolders : runbookPaths,
          undefined,
          gitPath,
        );
        index.setLastChanges(new Map([...dates].map(([file, date]) => [toPosix(file), date])));
      }
    } catch (error) {
      io.stderr.write(`cadence docs: cannot read ${root}: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }
  const rel = (p: string): string => relativePath(base, p);
  const only = roots.length === 1 && (await nodeFileSystem.stat(roots[0]))?.type === 'file' ? roots[0] : undefined;
  const keep = (p: string): boolean => !only || p === only;
  const levels = readDiagnosticLevels(settings.values.diagnostics);
  // Once: every problem of 5,000 records is a sort and a pass over every file. `off` codes are left out.
  const problems = leveled(
    levels,
    index.problems().filter((p) => keep(p.path)),
  );
  const json: DocsJson = {
    decisions: index
      .decisions()
      .filter((d) => keep(d.path))
      .map((d) => {
        const links = index.links(d.path);
        return {
          path: rel(d.path),
          number: d.number ?? null,
          title: d.title,
          status: d.status,
          statusText: statusDisplay(d.statusText),
          date: d.date ?? null,
          supersedes: links.supersedes.map(rel),
          supersededBy: links.supersededBy.map(rel),
          tags: d.tags,
          format: d.format,
        };
      }),
    runbooks: index
      .runbooks()
      .filter((r) => keep(r.path))
      .map((r) => ({
        path: rel(r.path),
        title: r.title,
        owner: r.owner ?? null,
        service: r.service ?? null,
        lastReviewed: r.lastReviewed ?? null,
        reviewDue: r.reviewDue ?? null,
        stale: r.stale,
        sections: r.sections,
        missingSections: r.missingSections,
      })),
    problems: problems.map((p) => ({ path: rel(p.path), line: p.line + 1, code: p.code, message: p.message })),
    globs: [...globFiles.values()].map(({ glob, files }) => ({ glob, files })),
  };
  // GitHub places annotations and SARIF results by their path from the repository's top folder.
  const findings = problems.map((p) => ({
    path: relativePath(repoRoot, p.path),
    line: p.line + 1,
    severity: isSerious(p.level) ? p.level : ('info' as const),
    ruleId: p.code,
    message: p.message,
  }));
  for (const { glob, source, files } of globFiles.values()) {
    if (files === 0) io.stderr.write(`cadence docs: ${source} ${printable(glob)} matched no Markdown file\n`);
  }
  if (options.format === 'json') writeJson(io, json);
  else if (!writeCiFormat(options.format, findings, io)) io.stdout.write(renderText(json, io));
  if (unlisted.length > 0) {
    // The listing above is incomplete: a failure to read, not a result.
    io.stderr.write(`cadence docs: cannot list ${unlisted[0]}\n`);
    return 1;
  }
  // --strict counts what the levels make errors and warnings.
  const serious = problems.filter((p) => isSerious(p.level));
  if (options.strict && serious.length > 0) {
    // Whatever the format, the reason for exit 1 is said where a CI log shows it.
    const errors = serious.filter((p) => p.level === 'error').length;
    const counts = [
      errors > 0 && `${errors} error${errors === 1 ? '' : 's'}`,
      serious.length - errors > 0 && `${serious.length - errors} warning${serious.length - errors === 1 ? '' : 's'}`,
    ].filter(Boolean);
    io.stderr.write(`cadence docs: --strict: ${counts.join(' and ')} found, exiting 1\n`);
    return 1;
  }
  if (options.strict && gitChecked && !(await gitChecked)) {
    io.stderr.write("cadence docs: --strict: git was not found, so runbooks' ages are unknown; exiting 1\n");
    return 1;
  }
  return 0;
}

/** Escaped first (printable), coloured after: only Cadence's own escape codes reach the terminal. */
function renderText(json: DocsJson, io: CliIo): string {
  return (
    renderLines(json)
      .map((line) => printable(line))
      .map((line) =>
        /^(Decisions|Runbooks|Problems|Globs) \(\d+\)$/.test(line)
          ? paint(io, 'bold', line)
          : line.replace(/STALE since [\d-]+/, (stale) => paint(io, 'yellow', stale)),
      )
      .join('\n') + '\n'
  );
}

function renderLines(json: DocsJson): string[] {
  const out: string[] = [];
  out.push(`Decisions (${json.decisions.length})`);
  for (const d of json.decisions) {
    const number = d.number === null ? '    ' : String(d.number).padStart(4, '0');
    const status =
      d.status === 'unknown'
        ? statusDisplay(d.statusText) || 'no status'
        : STATUS_LABELS[d.status as keyof typeof STATUS_LABELS];
    out.push(`  ${number} ${d.title}  [${status}]${d.date ? ` ${d.date}` : ''}  ${d.path}`);
  }
  out.push('', `Runbooks (${json.runbooks.length})`);
  for (const r of json.runbooks) {
    const due = r.reviewDue ? (r.stale ? `STALE since ${r.reviewDue}` : `review by ${r.reviewDue}`) : 'no review date';
    out.push(`  ${r.title}  [${due}]${r.owner ? ` owner ${r.owner}` : ''}  ${r.path}`);
  }
  out.push('', `Problems (${json.problems.length})`);
  for (const p of json.problems) out.push(`  ${p.path}:${p.line}  ${p.code}  ${p.message}`);
  if (json.globs.length > 0) out.push('', `Globs (${json.globs.length})`);
  for (const g of json.globs) out.push(`  ${g.glob}  ${g.files} file${g.files === 1 ? '' : 's'}`);
  return out;
}
