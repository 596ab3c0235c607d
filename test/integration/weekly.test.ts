// The weekly update inside a real extension host, on the sample workspace (git history by several
// authors; user.email ada@example.com). "This week" depends on today's date, so these tests assert
// the structure and the evidence the fixture always has (the unmerged feat/usage-based-billing).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CadenceApi } from '../../src/extension';
import { runDraft } from '../../src/cli/draft';
import { appendFocusRecord } from '../../src/node/focus/historyFile';
import { Commands, EXTENSION_ID } from '../../src/shared/ids';
import type { DraftResult } from '../../src/vscode/weekly/weeklyCommands';
import { capture } from '../unit/cliIo';
import { waitFor } from './waitFor';

const workspace = process.env.CADENCE_TEST_WORKSPACE!;

function activeText(): string | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.isUntitled && document.languageId === 'markdown' ? document.getText() : undefined;
}

describe('weekly update in a real VS Code', () => {
  it('"Draft Weekly Update" opens an untitled Markdown draft with every section in order', async () => {
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(result, 'the command returned no draft');
    const text = await waitFor(activeText, 'the untitled weekly draft to become the active editor');
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.uri.toString(), result.uri);
    assert.equal(document.isUntitled, true);
    // A short tab title, not the heading cut mid-word.
    assert.match(document.uri.path, /^Weekly update W\d{2}( \(\d+\))?$/);
    const markers = [
      /^# Week \d+ · \w{3} \d+ .* · [\w/+-]+\n/,
      /\n## Shipped\n/,
      /\n## In progress \/ next week\n/,
      /\n## Blockers\n/,
      /\n## Focus\n/,
      /\n_Counting you as: ada@example\.com/,
    ];
    let at = -1;
    for (const marker of markers) {
      const match = marker.exec(text);
      assert.ok(match, `${marker} in:\n${text}`);
      assert.ok(match.index > at, `${marker} out of order`);
      at = match.index;
    }
    assert.match(text, /`feat\/usage-based-billing`: Meter API calls per customer/);
    // The sample's team file puts Ada on documentation duty this week: the same line as `cadence draft`.
    assert.match(text, /\n- Documentation duty: fixed \d+ of \d+ items?[;.]/);
    assert.equal(result.draft.documentation?.onDuty, true);
    const summary = text.split('\n')[2];
    assert.ok(summary.split(/(?<=\.)\s+(?=[A-Z])/).length >= 3, summary);
    assert.equal(result.draft.repos[0].path, fs.realpathSync(workspace));
  });

  it('counts the focus blocks recorded this week in the Focus section', async () => {
    const api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    const before = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    const blocksBefore = before?.draft.focus?.blocks ?? 0;
    // A block that just ended, started no earlier than this week's start (Monday 00:00 here), is
    // inside "this week" whatever today is.
    const endedAt = Date.now();
    const monday = new Date(endedAt);
    monday.setHours(0, 0, 0, 0);
    monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
    const startedAt = Math.max(endedAt - 45 * 60_000, monday.getTime());
    await appendFocusRecord(api.focus.historyFile, {
      id: `weekly-it-${endedAt}`,
      startedAt,
      endedAt,
      plannedMinutes: 45,
      actualMinutes: Math.round((endedAt - startedAt) / 60_000),
      completed: true,
      repo: workspace,
      branchAtStart: 'feat/usage-based-billing',
      branchAtEnd: 'feat/usage-based-billing',
      commits: [],
    });
    // A block run in a folder that is not a repository is not this update's focus.
    await appendFocusRecord(api.focus.historyFile, {
      id: `weekly-it-elsewhere-${endedAt}`,
      startedAt: endedAt - 4 * 60_000,
      endedAt,
      plannedMinutes: 50,
      actualMinutes: 4,
      completed: false,
      workspace: 'notes',
      commits: [],
    });
    const after = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(after?.draft.focus, 'the draft has no focus summary');
    assert.equal(after.draft.focus.blocks, blocksBefore + 1);
    const text = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === after.uri ? activeText() : undefined),
      'the draft with focus',
    );
    assert.match(text, /\n## Focus\n\n- [^\n]*block[^\n]* in `[^`]+`/);
    assert.doesNotMatch(text, /no branch/);
  });

  it('"Draft Weekly Update for…" drafts last week without asking when given a choice', async () => {
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraftFor, {
      kind: 'lastWeek',
    });
    assert.ok(result);
    const text = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === result.uri ? activeText() : undefined),
      'the last-week draft',
    );
    assert.match(text, /^# Week \d+/);
    // Last week in the fixture always has Ada's work (commits 5–9 days ago).
    assert.ok(result.draft.shipped.length > 0, text);
  });

  it('saves the draft into cadence.weekly.folder without ever overwriting', async () => {
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(result);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === result.uri, 'the draft editor');
    const first = await vscode.commands.executeCommand<string>(Commands.weeklySave);
    const second = await vscode.commands.executeCommand<string>(Commands.weeklySave);
    assert.equal(first, path.join(workspace, 'updates', `${result.draft.window.id}.md`));
    assert.equal(second, path.join(workspace, 'updates', `${result.draft.window.id}-2.md`));
    // Save hands over the saved file; the untitled draft is closed without a "save changes?" prompt.
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.scheme === 'file', 'the saved file in front');
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === result.uri && !d.isClosed && d.isDirty),
      'the untitled draft is still open and dirty',
    );
    assert.ok(
      vscode.window.tabGroups.all.every((group) =>
        group.tabs.every(
          (tab) => !(tab.input instanceof vscode.TabInputText) || tab.input.uri.toString() !== result.uri,
        ),
      ),
      'the untitled draft still has a tab',
    );
    // Saved as sent: the update without the author's prompts and footer.
    const saved = fs.readFileSync(first, 'utf8');
    assert.match(saved, /^# Week \d+/);
    assert.match(saved, /`feat\/usage-based-billing`/);
    assert.doesNotMatch(saved, /Counting you as|Add it here, or delete this line|No focus blocks recorded/);
  });

  it('"Since my last update" starts where the saved update ends', async () => {
    // Only last week's update is saved: the new window must start exactly where that one ended.
    const last = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraftFor, {
      kind: 'lastWeek',
    });
    assert.ok(last);
    const folder = path.join(workspace, 'updates');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, `${last.draft.window.id}.md`), '# Last week\n\n## Shipped\n\n- something\n');
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraftFor, {
      kind: 'sinceLastUpdate',
    });
    assert.ok(result);
    assert.match(result.draft.window.label, /^Since /);
    assert.equal(result.draft.window.start, last.draft.window.end, 'starts where the saved update ends');
    assert.ok(result.draft.window.end > Date.now(), 'and runs through today');
  });

  it('"Since my last update" after saving this week\'s: starts at the save, shows what came since, never counts the saved file', async () => {
    const folder = path.join(workspace, 'updates');
    fs.rmSync(folder, { recursive: true, force: true });
    const week = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(week);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === week.uri, 'the draft editor');
    const uncommitted = (draft: DraftResult['draft']) =>
      draft.inProgress.find((item) => item.kind === 'uncommitted')?.title ?? 'none';
    const savedAt = Date.now();
    const file = await vscode.commands.executeCommand<string>(Commands.weeklySave);
    assert.ok(file && fs.existsSync(file));
    // Work after the update went out: a commit on main, authored a couple of seconds later.
    const later = Math.ceil(Date.now() / 1000) + 2;
    execFileSync(
      'git',
      [
        '-c',
        'user.name=Ada Lovelace',
        '-c',
        'user.email=ada@example.com',
        'commit',
        '--allow-empty',
        '-q',
        '-m',
        'feat: export usage as CSV',
      ],
      {
        cwd: workspace,
        env: { ...process.env, GIT_AUTHOR_DATE: `@${later} +0000`, GIT_COMMITTER_DATE: `@${later} +0000` },
      },
    );
    const since = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraftFor, {
      kind: 'sinceLastUpdate',
    });
    assert.ok(since);
    assert.ok(
      since.draft.window.start >= savedAt - 1000 && since.draft.window.start <= Date.now(),
      'starts at the save, not tomorrow',
    );
    assert.match(since.draft.window.label, /^Since \w{3} \d+ \w{3} \d{4} \d{2}:\d{2} · /);
    assert.deepEqual(
      since.draft.shipped.map((item) => item.title),
      ['Export usage as CSV'],
    );
    assert.equal(uncommitted(since.draft), uncommitted(week.draft), 'the saved update counted as uncommitted work');
    const text = await waitFor(
      () => (vscode.window.activeTextEditor?.document.uri.toString() === since.uri ? activeText() : undefined),
      'the since draft',
    );
    // The saved update's "next" items are compared with what happened since, each named once.
    assert.match(text, /_Planned in your last update: \d+ of \d+ shipped/);
    const sections = text.split('\n').slice(3).join('\n'); // after the heading and the summary
    assert.equal(sections.match(/`feat\/usage-based-billing`/g)?.length, 1, text);
    assert.doesNotMatch(text, /^- …/m);
  });

  it('copies the draft as Slack mrkdwn and plain text', async () => {
    const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
    assert.ok(result);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === result.uri, 'the draft editor');
    const slack = await vscode.commands.executeCommand<string>(Commands.weeklyCopyAsSlack);
    assert.match(slack, /^\*Week \d+/);
    assert.match(slack, /\n\*Shipped\*\n/);
    const text = await vscode.commands.executeCommand<string>(Commands.weeklyCopyAsText);
    assert.match(text, /\nIn progress \/ next week\n/);
    assert.doesNotMatch(text, /`/);
    for (const copy of [slack, text]) assert.doesNotMatch(copy, /Counting you as|Add it here, or delete this line/);

    // After the user edits the draft, the copy carries the edit (converted from their Markdown).
    const editor = vscode.window.activeTextEditor!;
    const shipped = editor.document.getText().indexOf('## Shipped\n\n') + '## Shipped\n\n'.length;
    await editor.edit((edit) => edit.insert(editor.document.positionAt(shipped), '- **ops**: hand-written bullet\n'));
    const edited = await vscode.commands.executeCommand<string>(Commands.weeklyCopyAsSlack);
    assert.match(edited, /\n• \*ops\*: hand-written bullet\n/);
    assert.doesNotMatch(edited, /Counting you as|Add it here, or delete this line/);
  });

  it('`cadence draft` and the command produce byte-identical Markdown from the same settings', async () => {
    const api = await vscode.extensions.getExtension<CadenceApi>(EXTENSION_ID)!.activate();
    const settingsFile = path.join(workspace, '.vscode', 'settings.json');
    const original = fs.readFileSync(settingsFile, 'utf8');
    const template = path.join(workspace, 'same.hbs');
    fs.writeFileSync(
      template,
      '{{header}}\n{{summary}}\n{{#each shipped}}- {{line}}\n{{/each}}{{#each hidden}}~ {{title}}\n{{/each}}',
    );
    // One settings file, read by VS Code (the command) and by the CLI (the repository's settings);
    // JSONC with a comment and trailing commas, as people write it.
    fs.writeFileSync(
      settingsFile,
      `{
  // shared by the command and the CLI
  "cadence.weekly.authorEmails": ["ada@example.com"],
  "cadence.weekly.timeZone": "America/New_York",
  "cadence.weekly.weekStartsOn": "sunday",
  "cadence.weekly.workDays": ["monday", "tuesday", "wednesday", "thursday"],
  "cadence.weekly.bots": ["[bot]", "grace"],
  "cadence.weekly.hiddenTypes": ["chore", "docs", "test",],
  // the documentation duty's thresholds, for the Documentation line
  "cadence.docs.driftCommits": 1,
  "cadence.docs.proposedDays": 1,
  "cadence.docs.guideStaleMonths": 1,
}
`,
    );
    const config = () => vscode.workspace.getConfiguration('cadence.weekly');
    try {
      await waitFor(
        () =>
          config().get('weekStartsOn') === 'sunday' &&
          vscode.workspace.getConfiguration('cadence.docs').get('driftCommits') === 1,
        'VS Code to read the new settings',
      );
      const now = Date.now();
      const check = async (command: { template: boolean }) => {
        if (command.template) await config().update('template', 'same.hbs', vscode.ConfigurationTarget.Workspace);
        const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft, { now });
        assert.ok(result, 'the command returned no draft');
        const text = await waitFor(
          () => (vscode.window.activeTextEditor?.document.uri.toString() === result.uri ? activeText() : undefined),
          'the draft editor',
        );
        const { out, io } = capture(workspace);
        const args = result.draft.repos.flatMap((repo) => ['--repo', repo.path]);
        const code = await runDraft([...args, ...(command.template ? ['--template', 'same.hbs'] : [])], io, {
          now: () => now,
          gitPath: 'git',
          systemTimeZone: () => 'UTC',
          focusHistoryFile: () => api.focus.historyFile,
        });
        assert.equal(code, 0, out.stderr);
        assert.equal(out.stderr, '');
        assert.equal(out.stdout, text);
        return result.draft;
      };
      const draft = await check({ template: false });
      // Ada is on duty this week (the sample team's rotation starts on this week's Monday).
      assert.equal(draft.documentation?.onDuty, true, JSON.stringify(draft.documentation));
      assert.equal(draft.window.timeZone, 'America/New_York');
      assert.equal(new Date(draft.window.start).getUTCDay(), 0, 'the week starts on Sunday');
      await check({ template: true });
    } finally {
      await config().update('template', undefined, vscode.ConfigurationTarget.Workspace);
      fs.writeFileSync(settingsFile, original);
      fs.rmSync(template, { force: true });
    }
  });

  it('renders through the user template named in cadence.weekly.template', async () => {
    fs.writeFileSync(
      path.join(workspace, 'weekly.hbs'),
      'UPDATE {{window.id}}\n{{#each shipped}}* {{title}} ({{ref}})\n{{/each}}-- {{countingYouAs}}\n',
    );
    const config = vscode.workspace.getConfiguration('cadence.weekly');
    await config.update('template', 'weekly.hbs', vscode.ConfigurationTarget.Workspace);
    try {
      const result = await vscode.commands.executeCommand<DraftResult | undefined>(Commands.weeklyDraft);
      assert.ok(result);
      const text = await waitFor(
        () => (vscode.window.activeTextEditor?.document.uri.toString() === result.uri ? activeText() : undefined),
        'the templated draft',
      );
      assert.match(text, new RegExp(`^UPDATE ${result.draft.window.id}\\n`));
      assert.match(text, /-- ada@example\.com\n$/);
      assert.equal(text.split('\n').filter((line) => line.startsWith('* ')).length, result.draft.shipped.length);
    } finally {
      await config.update('template', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
