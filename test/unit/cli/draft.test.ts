// `cadence draft`: exit codes, one-line errors and the JSON contract, over scripted histories.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDraftArgs, runDraft, type DraftDeps } from '../../../src/cli/draft';
import { runCli } from '../../../src/cli/run';
import { buildAll, buildTeamSettings } from '../../fixtures/weekly/histories.mjs';
import { capture, draftDeps } from '../cliIo';

const deps = draftDeps();

describe('cadence draft', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof buildAll>;
  before(() => {
    fx = buildAll();
  });
  after(() => fs.rmSync(fx.root, { recursive: true, force: true }));

  async function run(args: string[], cwd = fx.main, d = deps) {
    const { out, io } = capture(cwd);
    let code: number;
    try {
      code = await runDraft(args, io, d);
    } catch (error) {
      // Usage errors surface through runCli (exit 2); mirror that here.
      io.stderr.write(`cadence draft: ${(error as Error).message}\n`);
      code = 2;
    }
    return { code, ...out };
  }

  it('reports focus from the recorded history, and null without one', async () => {
    const none = JSON.parse((await run(['--format', 'json'])).stdout);
    assert.equal(none.focus, null);
    const file = path.join(fx.root, 'focus-history.jsonl');
    const block = (id: string, start: string, minutes: number, where: Record<string, string>) =>
      JSON.stringify({
        id,
        startedAt: Date.parse(start),
        endedAt: Date.parse(start) + minutes * 60_000,
        plannedMinutes: 50,
        actualMinutes: minutes,
        completed: minutes >= 50,
        ...where,
        commits: [],
      });
    const on = (branch: string) => ({ branchAtStart: branch, branchAtEnd: branch });
    fs.writeFileSync(
      file,
      [
        block('a', '2026-11-17T08:00:00Z', 50, { repo: fx.main, ...on('feat/billing') }),
        // Written before blocks kept their folder: the workspace name and a branch tie it to the repo.
        block('b', '2026-11-18T13:00:00Z', 30, { workspace: path.basename(fx.main), ...on('main') }),
        block('old', '2026-11-03T08:00:00Z', 50, { repo: fx.main, ...on('main') }), // another week
        // Focus elsewhere is not this repository's: a non-git folder, another repository.
        block('notes', '2026-11-18T15:00:00Z', 2, { workspace: 'notes' }),
        block('other', '2026-11-19T08:00:00Z', 25, { repo: path.join(fx.root, 'elsewhere'), ...on('main') }),
        '{ torn line',
      ].join('\n'),
    );
    const { code, stdout } = await run(['--format', 'json'], fx.main, { ...deps, focusHistoryFile: () => file });
    assert.equal(code, 0);
    const focus = JSON.parse(stdout).focus;
    assert.equal(focus.blocks, 2);
    assert.equal(focus.minutes, 80);
    assert.equal(focus.byBranch[0].branch, 'feat/billing');
    const markdown = (await run([], fx.main, { ...deps, focusHistoryFile: () => file })).stdout;
    assert.match(
      markdown,
      new RegExp(
        `## Focus\\n\\n- 1h 20m of focus in 2 blocks in \`${path.basename(fx.main)}\`, mostly on \`feat/billing\``,
      ),
    );
    assert.doesNotMatch(markdown, /no branch/);
  });

  it('prints the JSON contract for the current repository and this week', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json']);
    assert.equal(code, 0, stderr);
    const json = JSON.parse(stdout);
    assert.deepEqual(Object.keys(json), [
      'window',
      'identities',
      'repos',
      'shipped',
      'inProgress',
      'blockers',
      'focus',
      'summary',
      'github',
      'reviews',
      'issuesClosed',
      'documentation',
    ]);
    assert.deepEqual(json.window, {
      start: '2026-11-15T23:00:00.000Z',
      end: '2026-11-22T23:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    assert.deepEqual(json.identities, ['ada@example.com']);
    assert.equal(json.focus, null);
    // No token: GitHub is off, and says so.
    assert.deepEqual(json.github, { status: 'off', user: null, message: null });
    assert.deepEqual([json.reviews, json.issuesClosed], [[], []]);
    const csv = json.shipped.find((item: { title: string }) => item.title === 'CSV export');
    assert.deepEqual(Object.keys(csv), ['title', 'type', 'scope', 'breaking', 'repo', 'commits', 'pr']);
    assert.deepEqual(
      { ...csv, commits: csv.commits.length },
      { title: 'CSV export', type: 'feat', scope: 'export', breaking: false, repo: 'main', commits: 1, pr: 7 },
    );
  });

  it('takes --week, --since/--until, --last-week, --tz, --author, --repo and --include-hidden', async () => {
    const week = await run(['--week', '2026-W43', '--repo', fx.dst, '--format', 'json']);
    assert.equal(week.code, 0, week.stderr);
    assert.equal(JSON.parse(week.stdout).shipped.length, 3);
    const range = await run(['--since', '2026-11-20', '--until', '2026-11-20', '--format', 'json', '--include-hidden']);
    const titles = JSON.parse(range.stdout).shipped.map((s: { title: string }) => s.title);
    assert.ok(titles.includes('CSV export') && !titles.includes('Add proration to invoices'));
    const last = await run(['--last-week', '--format', 'json', '--tz', 'UTC']);
    assert.equal(JSON.parse(last.stdout).window.start, '2026-11-09T00:00:00.000Z');
    const lower = JSON.parse((await run(['--last-week', '--format', 'json', '--tz', 'utc'])).stdout);
    assert.equal(lower.window.timeZone, 'UTC', '--tz utc is canonicalized');
    assert.equal(lower.window.start, '2026-11-09T00:00:00.000Z');
    assert.match((await run(['--last-week', '--tz', 'utc'])).stdout, /^# Week 46 · .* · UTC\n/);
    const other = await run(['--author', 'grace@example.com', '--format', 'json']);
    assert.deepEqual(JSON.parse(other.stdout).identities, ['grace@example.com']);
    assert.ok(
      JSON.parse(other.stdout).shipped.some((s: { title: string }) => s.title === 'SSO for enterprise customers'),
    );
    const two = await run(['--repo', fx.two.web, '--repo', fx.two.api, '--format', 'text'], fx.root);
    assert.equal(two.code, 0, two.stderr);
    assert.match(two.stdout, /^Week 47/);
    assert.match(two.stdout, /Landing page \(web\)[^\n]*\n- api: Timeout on large invoices \(api\)/);
    const slack = await run(['--format=slack']);
    assert.match(slack.stdout, /^\*Week 47/);
    // Slack and text are for pasting: no prompts, no "Counting you as" footer (the Markdown draft keeps them).
    for (const sent of [two.stdout, slack.stdout]) assert.doesNotMatch(sent, /Counting you as|None found|add it here/i);
    assert.match((await run([])).stdout, /_Counting you as: /);
  });

  it('exits 2 with one line for usage errors: bad flag, bad week or date, unknown zone, conflicts', async () => {
    for (const [args, pattern] of [
      [['--frobnicate'], /unknown option '--frobnicate'/],
      [['--week', '2026-47'], /'2026-47' is not an ISO week/],
      [['--since', '2026-13-01', '--until', '2026-12-01'], /is not a calendar date|is not a date/],
      [['--since', '2026-11-01'], /--since and --until go together/],
      [['--week', '2026-W47', '--last-week'], /only one of/],
      [['--tz', 'Mars/Olympus'], /unknown time zone 'Mars\/Olympus'/],
      [['--format', 'html'], /--format must be markdown, slack, text or json, not 'html'/],
      [['--repo'], /--repo needs a value/],
      [['--author='], /--author needs a value/],
      [['--author', ''], /--author needs a value/],
      [['--author', 'Ada Lovelace'], /--author 'Ada Lovelace' is not an e-mail address/],
      [
        ['--since', '0001-01-01', '--until', '2026-11-20'],
        /'0001-01-01' is out of range \(use a year from 1970 to 9999\)/,
      ],
      [['--week', '0099-W01'], /'0099-W01' is out of range/],
    ] as [string[], RegExp][]) {
      const { code, stderr } = await run(args);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, pattern);
      assert.equal(stderr.trim().split('\n').length, 1, stderr);
    }
  });

  it('exits 1 with one line when the folder is not a repository or git is missing', async () => {
    const notRepo = await run([], fx.notRepo);
    assert.equal(notRepo.code, 1);
    assert.equal(notRepo.stderr, `cadence draft: ${fx.notRepo} is not a git repository\n`);
    const noGit = await run([], fx.main, { ...deps, gitPath: path.join(fx.root, 'missing-git') });
    assert.equal(noGit.code, 1);
    // Said for a terminal: VS Code's git.path setting means nothing to the command line.
    assert.equal(
      noGit.stderr,
      `cadence draft: git was not found (tried '${path.join(fx.root, 'missing-git')}'): install git or put it on PATH, then try again\n`,
    );
    assert.equal(noGit.stderr.split('\n').length, 2);
  });

  it('names the folder and the reason when there is no repository to read (#11, #12)', async () => {
    const { bare, dubiousGit, missing } = fx.refused;
    const cases: [string[], string, DraftDeps, string][] = [
      [['--repo', missing], fx.main, deps, `cadence draft: ${missing} does not exist or is not a folder\n`],
      [
        ['--repo', bare],
        fx.main,
        deps,
        `cadence draft: ${bare} is a bare repository: the weekly draft needs a work tree (a checked-out clone)\n`,
      ],
      [
        [],
        fx.main,
        { ...deps, gitPath: dubiousGit },
        `cadence draft: git refuses to read ${fx.main}: it belongs to another user (if you trust it: git config --global --add safe.directory ${fx.main})\n`,
      ],
    ];
    for (const [args, cwd, d, stderr] of cases) {
      const result = await run(args, cwd, d);
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stderr, stderr);
    }
  });

  it("applies the repository's .vscode/settings.json (JSONC), ignores keys naming files, and lets flags win", async () => {
    const team = buildTeamSettings(path.join(fx.root, 'team')).dir;
    const json = async (args: string[]) => {
      const result = await run(['--week', '2026-W47', '--format', 'json', ...args], team);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stderr, '');
      const draft = JSON.parse(result.stdout);
      return { draft, titles: draft.shipped.map((s: { title: string }) => s.title) as string[] };
    };
    const fromSettings = await json([]);
    assert.deepEqual(fromSettings.draft.window, {
      start: '2026-11-14T15:00:00.000Z', // Sunday 00:00 in Tokyo
      end: '2026-11-21T15:00:00.000Z',
      timeZone: 'Asia/Tokyo',
    });
    assert.deepEqual(fromSettings.titles, ['Tuesday feature', 'Saturday fix'], 'docs hidden by the settings');
    const monday = await json(['--week-starts-on', 'monday', '--tz', 'UTC']);
    assert.equal(monday.draft.window.start, '2026-11-16T00:00:00.000Z');
    // The three-letter form --work-days takes is taken here too.
    assert.equal(
      (await json(['--week-starts-on', 'Mon', '--tz', 'UTC'])).draft.window.start,
      '2026-11-16T00:00:00.000Z',
    );
    assert.equal(
      (await json(['--week-starts-on', 'sun', '--tz', 'UTC'])).draft.window.start,
      '2026-11-15T00:00:00.000Z',
    );
    assert.equal(monday.draft.window.timeZone, 'UTC');
    assert.deepEqual((await json(['--include-hidden'])).titles, ['Tuesday feature', 'Saturday fix', 'Sunday notes']);
    assert.deepEqual((await json(['--hide', 'fix'])).titles, ['Tuesday feature'], '--hide adds to the settings');
    assert.deepEqual((await json(['--bot', 'lovelace'])).titles, [], '--bot adds to the settings');

    // The template and folder settings name files: never used from a repository's settings.
    const markdown = await run(['--week', '2026-W47'], team);
    assert.match(markdown.stdout, /^# Week 47 · Sun 15 – Sat 21 Nov 2026 · Asia\/Tokyo\n/);
    assert.match(markdown.stdout, /- 2 commits outside your work days\./, 'Sunday and Saturday');
    const weekend = await run(['--week', '2026-W47', '--work-days', 'sat,sun'], team);
    assert.match(weekend.stdout, /- 1 commit outside your work days\./);

    const template = path.join(fx.root, 'team.hbs');
    fs.writeFileSync(template, '{{window.id}}:{{#each shipped}} {{title}};{{/each}}\n');
    const templated = await run(['--week', '2026-W47', '--template', path.relative(team, template)], team);
    assert.equal(templated.stdout, '2026-W47: Tuesday feature; Saturday fix;\n');
    const missing = await run(['--week', '2026-W47', '--template', 'nope.hbs'], team);
    assert.equal(missing.code, 0);
    assert.match(
      missing.stderr,
      /^cadence draft: cannot read the template .*nope\.hbs: it does not exist — used the built-in layout instead\n$/,
    );
    assert.match(missing.stdout, /^# Week 47/);

    const previous = path.join(fx.root, 'previous.md');
    fs.writeFileSync(previous, '# Week 46\n\n## In progress / next week\n\n- Tuesday feature\n- Something else\n');
    const planned = await run(['--week', '2026-W47', '--previous', path.relative(team, previous)], team);
    assert.match(planned.stdout, /Planned last week: 1 of 2 shipped\./);
    const noPrevious = await run(['--week', '2026-W47', '--previous', 'gone.md'], team);
    assert.equal(noPrevious.code, 1);
    assert.equal(
      noPrevious.stderr,
      `cadence draft: cannot read the previous update ${path.join(team, 'gone.md')}: it does not exist\n`,
    );

    // A broken settings file: one line, and the draft with the defaults.
    fs.writeFileSync(path.join(team, '.vscode', 'settings.json'), '{ "cadence.weekly.weekStartsOn": ');
    const broken = await run(['--week', '2026-W47', '--format', 'json', '--tz', 'UTC'], team);
    assert.equal(broken.code, 0);
    assert.match(
      broken.stderr,
      /^cadence draft: .*settings\.json is not a JSON object \(.*\); its settings were not used\n$/,
    );
    assert.equal(JSON.parse(broken.stdout).window.start, '2026-11-16T00:00:00.000Z');
    // Nested past the bound (it overflowed the parser's stack): the same one line, never a crash.
    fs.writeFileSync(path.join(team, '.vscode', 'settings.json'), '['.repeat(200_000));
    const deep = await run(['--week', '2026-W47', '--format', 'json', '--tz', 'UTC'], team);
    assert.equal(deep.code, 0);
    assert.match(
      deep.stderr,
      /^cadence draft: .*settings\.json nests deeper than 64 levels .*; its settings were not used\n$/,
    );
    assert.equal(JSON.parse(deep.stdout).window.start, '2026-11-16T00:00:00.000Z');

    for (const [args, pattern] of [
      [['--week-starts-on', 'someday'], /--week-starts-on 'someday' is not a weekday/],
      [
        ['--week-starts-on', 'su'],
        /--week-starts-on 'su' is not a weekday \(use a day name or its first three letters/,
      ],
      [['--work-days', 'mon,xyz'], /--work-days 'mon,xyz' is not a list of weekdays/],
      [['--bot'], /--bot needs a value/],
    ] as const) {
      assert.throws(() => parseDraftArgs(args), pattern);
    }
  });

  it('is registered as `cadence draft` (usage errors exit 2 through the CLI)', async () => {
    const { out, io } = capture(fx.main);
    assert.equal(await runCli(['draft', '--week', 'soon'], io), 2);
    assert.equal(out.stderr, "cadence draft: 'soon' is not an ISO week (use the form 2026-W47)\n");
    const help = capture(fx.main);
    assert.equal(await runCli(['draft', '--help'], help.io), 0);
    assert.match(help.out.stdout, /Usage: cadence draft/);
    assert.throws(() => parseDraftArgs(['--until', '2026-01-01']), /go together/);
  });
});
