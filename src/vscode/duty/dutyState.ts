import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Clock } from '../../core/clock';
import type { DutySettings } from '../../core/docs/duty';
import { type DutyTurn, displayName, onDuty } from '../../core/docs/rotation';
import { buildDuty, type DutyReport, shallowNote } from '../../node/docs/duty';
import { gitOrUndefined } from '../../node/git';
import { readTeamFile } from '../../node/docs/team';
import { dutyThresholds } from '../../shared/docsSettings';
import { readDocsSettings } from '../docs/settings';
import { editorTimeZone } from '../timeZone';

/** The duty's `cadence.docs.*` settings, through the one docs settings reader. */
export function readDutySettings(): {
  settings: DutySettings;
  guideGlobs: string[];
  excludeNames: string[];
  runbookSections: string[];
} {
  const docs = readDocsSettings();
  const { guideGlobs, excludeNames, runbookSections } = docs;
  return { settings: dutyThresholds(docs), guideGlobs, excludeNames, runbookSections };
}

/** The duty of every local workspace folder, whose turn it is, and whether it is the user's. */
export class DutyState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  reports: DutyReport[] = [];
  turn: DutyTurn | undefined;
  period: 'week' | 'sprint' = 'week';
  /** True when the person on duty is the user (their git user.email). */
  mine = false;
  teamProblems: string[] = [];
  private loading: Promise<void> | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Loads once; `refresh` reloads. */
  whenReady(): Promise<void> {
    return (this.loading ??= this.load());
  }

  refresh(): Promise<void> {
    this.loading = this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const { settings, guideGlobs, excludeNames, runbookSections } = readDutySettings();
    // In an untrusted workspace no git runs: links are still checked, history is not read.
    const git = vscode.workspace.isTrusted;
    const reports: DutyReport[] = [];
    for (const folder of folders) {
      try {
        reports.push(
          await buildDuty(folder.uri.path, {
            clock: this.clock,
            git,
            settings,
            guideGlobs,
            excludeNames,
            runbookSections,
          }),
        );
      } catch (error) {
        this.log.warn(`Documentation duty: cannot read ${folder.uri.fsPath}: ${String(error)}`);
      }
    }
    this.reports = reports;
    const team = readTeamFile([...folders.map((f) => f.uri.fsPath), ...reports.map((r) => r.root)]);
    this.teamProblems = team?.problems ?? [];
    if (team && team.problems.length > 0) this.log.warn(`Documentation duty: ${team.path}: ${team.problems.join(' ')}`);
    // The team file's own zone when it names one; else the user's (cadence.weekly.timeZone or the system's).
    this.turn = team?.team ? onDuty(team.team, this.clock.now(), editorTimeZone()) : undefined;
    this.period = team?.team?.period ?? 'week';
    this.mine = false;
    if (this.turn && git && folders[0]) {
      const email = (await gitOrUndefined(['config', 'user.email'], folders[0].uri.fsPath))?.trim();
      this.mine = email?.toLowerCase() === this.turn.person.email;
    }
    this.changed.fire();
  }

  /** "Docs duty this week: Ada", or undefined without a rotation. */
  headline(): string | undefined {
    if (!this.turn) return undefined;
    return `Docs duty this ${this.period}: ${displayName(this.turn.person)}${this.mine ? ' (you)' : ''}`;
  }

  /**
   * The Guides view's message: the headline, then one sentence per shallow clone (its history is
   * left out, as `cadence duty` says on stderr); undefined when there is neither.
   */
  message(): string | undefined {
    const roots = [...new Set(this.reports.filter((r) => r.shallow).map((r) => r.root))];
    const several = new Set(this.reports.map((r) => r.root)).size > 1;
    const notes = roots.map((root) => `${shallowNote(several ? path.posix.basename(root) : 'This repository')}.`);
    const headline = this.headline();
    if (notes.length === 0) return headline;
    return [...(headline ? [`${headline}.`] : []), ...notes].join(' ');
  }

  dispose(): void {
    this.changed.dispose();
  }
}
