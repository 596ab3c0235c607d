import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultHistoryFile } from '../../../src/cli/focus';
import { runCli } from '../../../src/cli/run';
import { serializeFocusRecord } from '../../../src/core/focus/history';
import { capture } from '../cliIo';

describe('cadence focus', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-focus-cli-'));
  const file = path.join(dir, 'focus-history.jsonl');
  const day = (d: number, h: number) => new Date(2026, 10, d, h).getTime();
  const record = (id: string, start: number, minutes: number, branch: string, completed = true) => ({
    id,
    startedAt: start,
    endedAt: start + minutes * 60_000,
    plannedMinutes: minutes,
    actualMinutes: minutes,
    completed,
    branchAtStart: branch,
    commits: [],
  });
  fs.writeFileSync(
    file,
    [
      record('a', day(23, 9), 90, 'feat/billing'),
      record('b', day(24, 14), 50, 'main', false),
      record('c', day(25, 9), 120, 'feat/billing'),
    ]
      .map(serializeFocusRecord)
      .join(''),
  );

  it('summarizes a date range, mostly-on branch first', async () => {
    const { out, io } = capture(dir);
    assert.equal(
      await runCli(['focus', '--history', 'focus-history.jsonl', '--since', '2026-11-23', '--until', '2026-11-29'], io),
      0,
    );
    assert.equal(
      out.stdout,
      '4h 20m of focus in 3 blocks (2 completed), mostly on feat/billing\n   3h 30m  feat/billing\n      50m  main\n',
    );
  });

  it('prints JSON, and rejects bad options with exit 2', async () => {
    const json = capture(dir);
    assert.equal(
      await runCli(['focus', '--history', file, '--since', '2026-11-24', '--until', '2026-11-24', '--json'], json.io),
      0,
    );
    assert.equal(JSON.parse(json.out.stdout).minutes, 50);
    const bad = capture(dir);
    assert.equal(await runCli(['focus', '--since', 'yesterday'], bad.io), 2);
    assert.equal(
      bad.out.stderr,
      "cadence focus: --since 'yesterday' is not a calendar date (use the form 2026-11-23)\n",
    );
  });

  it('--until ends at the next local midnight, 25 hours later on the day DST ends', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    try {
      const { out, io } = capture(dir);
      assert.equal(
        await runCli(['focus', '--history', file, '--since', '2026-10-25', '--until', '2026-10-25', '--json'], io),
        0,
      );
      const { start, end } = JSON.parse(out.stdout) as { start: number; end: number };
      assert.equal(end - start, 25 * 60 * 60_000);
      assert.equal(new Date(end).getHours(), 0);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('finds the history of Insiders, VSCodium or code-server; without one it says so and exits 0', async () => {
    const env = { XDG_CONFIG_HOME: '/cfg', XDG_DATA_HOME: '/data' };
    const tail = 'User/globalStorage/cadence-dev.cadence/focus-history.jsonl';
    assert.equal(
      defaultHistoryFile(env, 'linux', () => false),
      `/cfg/Code/${tail}`,
    );
    for (const where of [`/cfg/Code - Insiders/${tail}`, `/cfg/VSCodium/${tail}`, `/data/code-server/${tail}`])
      assert.equal(
        defaultHistoryFile(env, 'linux', (f) => f === where),
        where,
      );
    const saved = { ...process.env };
    process.env.HOME = dir;
    process.env.XDG_CONFIG_HOME = path.join(dir, 'none');
    process.env.XDG_DATA_HOME = path.join(dir, 'none');
    delete process.env.CADENCE_FOCUS_HISTORY;
    try {
      const missing = capture(dir);
      assert.equal(await runCli(['focus'], missing.io), 0);
      assert.equal(
        missing.out.stderr,
        `cadence focus: no focus history at ${path.join(dir, 'none', 'Code', tail)} yet (pass --history FILE if it is elsewhere)\n`,
      );
      assert.equal(missing.out.stdout, '');
    } finally {
      for (const key of ['HOME', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'CADENCE_FOCUS_HISTORY'])
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
    }
  });

  it('finds the history in VS Code global storage by default', () => {
    assert.equal(defaultHistoryFile({ CADENCE_FOCUS_HISTORY: '/x.jsonl' }, 'linux'), '/x.jsonl');
    assert.match(
      defaultHistoryFile({ XDG_CONFIG_HOME: '/cfg' }, 'linux'),
      /^\/cfg\/Code\/User\/globalStorage\/cadence-dev\.cadence\/focus-history\.jsonl$/,
    );
  });

  it('validates dates like draft: month 13, 30 February and an inverted range are usage errors', async () => {
    for (const [args, message] of [
      [['--since', '2026-13-45'], "--since '2026-13-45' is not a calendar date (use the form 2026-11-23)"],
      [['--until', '2026-02-30'], "--until '2026-02-30' is not a calendar date (use the form 2026-11-23)"],
      [['--since', '2026-11-24', '--until', '2026-11-23'], '--until 2026-11-23 is before --since 2026-11-24'],
      [['--since='], '--since needs a value (DATE)'],
      [['--json', '--format', 'text'], '--json and --format text disagree'],
      [['--format', 'slack'], "--format must be text or json, not 'slack'"],
    ] as [string[], string][]) {
      const { out, io } = capture(dir);
      assert.equal(await runCli(['focus', '--history', file, ...args], io), 2, args.join(' '));
      assert.equal(out.stderr, `cadence focus: ${message}\n`);
      assert.equal(out.stdout, '');
    }
  });

  it('a named history file that does not exist yet: exit 0, says so; JSON still prints the empty summary', async () => {
    const missing = path.join(dir, 'nope', 'focus-history.jsonl');
    const text = capture(dir);
    assert.equal(await runCli(['focus', '--history', missing], text.io), 0);
    assert.equal(text.out.stderr, `cadence focus: no focus history at ${missing} yet\n`);
    assert.equal(text.out.stdout, '');
    const json = capture(dir);
    assert.equal(await runCli(['focus', '--history', missing, '--format=json'], json.io), 0);
    const parsed = JSON.parse(json.out.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), ['blocks', 'minutes', 'completed', 'byBranch', 'start', 'end', 'file']);
    assert.equal(parsed.minutes, 0);
    assert.equal(parsed.file, missing);
  });

  it('counts and names corrupt lines on stderr, and still sums the good ones', async () => {
    const corrupt = path.join(dir, 'corrupt.jsonl');
    fs.writeFileSync(
      corrupt,
      serializeFocusRecord(record('a', day(23, 9), 90, 'feat/billing')) +
        'not json\n' +
        '{"id":"no-fields"}\n\n' +
        serializeFocusRecord(record('b', day(24, 9), 30, 'main')) +
        '{"id":"torn"',
    );
    const { out, io } = capture(dir);
    assert.equal(
      await runCli(['focus', '--history', corrupt, '--since', '2026-11-23', '--until', '2026-11-29'], io),
      0,
    );
    assert.equal(out.stderr, `cadence focus: skipped 3 corrupt lines in ${corrupt} (lines 2, 3, 6)\n`);
    assert.match(out.stdout, /^2h 00m of focus in 2 blocks/);
  });

  it('reads only regular files: a FIFO or a folder is refused at once (exit 1), never waited on', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'history.fifo');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const piped = capture(dir);
    assert.equal(await runCli(['focus', '--history', fifo], piped.io), 1);
    assert.equal(piped.out.stderr, `cadence focus: cannot read ${fifo}: ${fifo} is not a regular file\n`);
    assert.ok(Date.now() - started < 5000);
    const folder = capture(dir);
    assert.equal(await runCli(['focus', '--history', dir], folder.io), 1);
    assert.equal(folder.out.stderr, `cadence focus: cannot read ${dir}: ${dir} is not a regular file\n`);
  });
});
