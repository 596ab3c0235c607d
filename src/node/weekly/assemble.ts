// The weekly draft, assembled once for every caller: the extension's commands
// (src/vscode/weekly/weeklyCommands.ts) and `cadence draft` (src/cli/draft.ts) both come here with
// the same WeeklySettings, so the same settings give byte-identical drafts. What stays in the
// callers is only how they learn their inputs (VS Code configuration and workspace folders vs
// flags, a repository's .vscode/settings.json and the current folder) and how they show notices.
//
// Hooks for later features: evidence from other sources (GitHub PRs and reviews) belongs in
// `buildDraft`'s input next to `focus`; "since my last update" is `resolveWindow`'s
// `sinceLastUpdate` choice; anything shown to the user goes through `notices`.
import { lstat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { FocusSummary, TimeWindow, WeeklyDraft } from '../../core/weekly/model';
import { renderMarkdown } from '../../core/weekly/render';
import type { WeeklySettings } from '../../core/weekly/settings';
import { isoWeekWindow, rangeWindow, sinceWindow, type WeekOptions, weekWindow } from '../../core/weekly/window';
import type { DutySettings } from '../../core/docs/duty';
import { TEAM_FILE } from '../../core/docs/teamFile';
import { yourTimeZone } from '../timeZone';
import { readTextFile } from '../regularFile';
import { type DraftRequest, draftFromRepos } from './draftRepos';
import { lastUpdateEnd, previousUpdate, savedUpdateTest } from './updates';

/** A template is a page of Handlebars: more than this is not one (and is not read). */
export const MAX_TEMPLATE_BYTES = 256 * 1024;

/** Which window to draft: the command's quick pick and the CLI's flags both map onto these. */
export type WindowChoice =
  | { kind: 'thisWeek' }
  | { kind: 'lastWeek' }
  | { kind: 'sinceLastUpdate' }
  | { kind: 'week'; id: string }
  | { kind: 'range'; since: string; until: string };

/**
 * The week definition from the settings: your time zone (`timeZone`, or the system's) as Intl spells it, so labels
 * read the same for any spelling. Throws WindowError for an unknown zone.
 */
export function weekOptions(
  settings: Pick<WeeklySettings, 'timeZone' | 'weekStartsOn'>,
  systemZone: string | (() => string),
): WeekOptions {
  return { timeZone: yourTimeZone(settings.timeZone, systemZone), weekStartsOn: settings.weekStartsOn };
}

/**
 * The window for `choice`. `updatesFolder` (saved updates) serves "since my last update"; with none
 * saved yet it falls back to this week and says so in `notice`. Throws WindowError for bad input.
 */
export async function resolveWindow(
  choice: WindowChoice,
  now: number,
  week: WeekOptions,
  updatesFolder: string | null,
): Promise<{ window: TimeWindow; notice: string | null }> {
  switch (choice.kind) {
    case 'thisWeek':
      return { window: weekWindow(now, week), notice: null };
    case 'lastWeek':
      return { window: weekWindow(now, week, -1), notice: null };
    case 'week':
      return { window: isoWeekWindow(choice.id, week), notice: null };
    case 'range':
      return { window: rangeWindow(choice.since, choice.until, week.timeZone), notice: null };
    case 'sinceLastUpdate': {
      const end = updatesFolder ? await lastUpdateEnd(updatesFolder, week) : null;
      if (end === null) {
        return {
          window: weekWindow(now, week),
          notice: `no saved update in ${updatesFolder ?? 'the updates folder'} yet — drafting this week instead. "Save Weekly Update" keeps one there`,
        };
      }
      return { window: sinceWindow(end, now, week.timeZone), notice: null };
    }
  }
}

/** Everything one draft needs; both callers fill it from their own sources. */
export interface AssembleRequest extends Pick<
  DraftRequest,
  'roots' | 'window' | 'now' | 'gitPath' | 'signal' | 'onProgress' | 'includeHidden' | 'github' | 'githubUnavailable'
> {
  settings: WeeklySettings;
  /**
   * Addresses given explicitly (`--author`): they replace `settings.authorEmails` and the
   * repositories' own `user.email`. Empty or absent: the settings plus each `user.email`.
   */
  authors?: readonly string[];
  /** Folder of saved updates (absolute), for last week's plan; null: none. */
  updatesFolder: string | null;
  /** Text of the previous update when the caller names one (`--previous FILE`); else the folder's newest. */
  previousUpdate?: string | null;
  /** The Handlebars template file (absolute); null: the built-in layout. */
  templateFile: string | null;
  /**
   * The folder the template must lie in (a link out of it is refused), for a template a workspace
   * names; absent: the user named the file (`--template FILE`), which may be anywhere. Either way
   * only a regular file of at most MAX_TEMPLATE_BYTES is read.
   */
  templateRoot?: string | null;
  /** The focus summary for the window, or null. */
  focus: FocusSummary | null;
  /**
   * The documentation duty's thresholds (`cadence.docs.driftCommits`, `proposedDays`,
   * `guideStaleMonths`) for the draft's Documentation line; asked for only when a repository has a
   * team file. Absent: the defaults.
   */
  dutySettings?: () => Partial<DutySettings> | Promise<Partial<DutySettings>>;
}

export interface AssembledDraft {
  draft: WeeklyDraft;
  /** The Markdown text: through the template when one is set and renders, else the built-in layout. */
  markdown: string;
  /** Whether `markdown` came from the user's template (then it is the user's text, not the model's). */
  templated: boolean;
  /** Lines for the user (each caller shows them its own way); the draft is complete regardless. */
  notices: string[];
}

/** The saved-updates folder: `folder` (the setting) against `base` (the first folder or repository). */
export function updatesFolderOf(settings: Pick<WeeklySettings, 'folder'>, base: string | undefined): string | null {
  if (isAbsolute(settings.folder)) return settings.folder;
  return base ? join(base, settings.folder) : null;
}

/** Whether any of `roots` has an entry at the team file's path (the duty's reader judges what it is). */
async function anyTeamFile(roots: readonly string[]): Promise<boolean> {
  const found = await Promise.all(
    roots.map((root) =>
      lstat(join(root, TEAM_FILE)).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.includes(true);
}

/** Reads the repositories and builds and renders the draft, the same way for every caller. */
export async function assembleDraft(request: AssembleRequest): Promise<AssembledDraft> {
  const { settings, window } = request;
  const explicit = (request.authors ?? []).length > 0;
  const week: WeekOptions = { timeZone: window.timeZone, weekStartsOn: settings.weekStartsOn };
  const notices: string[] = [];
  // Both read only regular files, bounded (src/node/regularFile.ts): a FIFO, a device or a huge file
  // in the updates folder (or named as the template) is one notice, and the draft goes on without it.
  const saved =
    request.previousUpdate !== undefined
      ? { text: request.previousUpdate, problem: null }
      : request.updatesFolder
        ? await previousUpdate(request.updatesFolder, window, week)
        : { text: null, problem: null };
  if (saved.problem) notices.push(`${saved.problem} — drafted without last week's plan`);
  const previous = saved.text;
  let template: string | null = null;
  if (request.templateFile) {
    const read = readTextFile(request.templateFile, MAX_TEMPLATE_BYTES, request.templateRoot ?? null);
    if ('text' in read) template = read.text;
    else
      notices.push(
        `cannot read the template ${request.templateFile}: ${read.problem} — used the built-in layout instead`,
      );
  }
  const fromRepos = await draftFromRepos({
    roots: request.roots,
    window,
    now: request.now,
    authors: explicit ? [...request.authors!] : settings.authorEmails,
    includeRepoUserEmail: !explicit,
    hiddenTypes: settings.hiddenTypes,
    includeHidden: request.includeHidden,
    bots: settings.bots,
    workDays: settings.workDays,
    focus: request.focus,
    previousUpdate: previous,
    // Saved updates are Cadence's own files: uncommitted, they are not work in progress.
    isOwnFile: request.updatesFolder ? savedUpdateTest(request.updatesFolder, week) : undefined,
    gitPath: request.gitPath,
    signal: request.signal,
    onProgress: request.onProgress,
    github: request.github,
    githubUnavailable: request.githubUnavailable,
  });
  // The documentation duty's line (a repository with a team file); said in the Shipped section. Its
  // code and the docs parsers load only when a repository has a team file.
  const documented = (await anyTeamFile(fromRepos.repos.map((repo) => repo.path)))
    ? await (
        await import('../docs/dutyWeek')
      ).weeklyDocumentation(fromRepos, {
        now: request.now,
        gitPath: request.gitPath,
        signal: request.signal,
        settings: await request.dutySettings?.(),
      })
    : { documentation: null, notices: [] };
  const draft: WeeklyDraft = { ...fromRepos, documentation: documented.documentation };
  notices.push(...documented.notices);
  let markdown: string | null = null;
  if (request.templateFile) {
    if (template !== null) {
      // Handlebars loads here, only for drafts that use a template.
      const { renderTemplate, TemplateError } = await import('../../core/weekly/template');
      try {
        markdown = renderTemplate(draft, template);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        notices.push(`${error.message} — used the built-in layout instead`);
      }
    }
  }
  return { draft, markdown: markdown ?? renderMarkdown(draft), templated: markdown !== null, notices };
}
