import * as assert from 'node:assert/strict';
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
    assert.match(bad.out.stderr, /^cadence focus: --since must be a date/);
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

  it('finds the history of Insiders, VSCodium or code-server, and says --history when there is none', async () => {
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
      assert.equal(await runCli(['focus'], missing.io), 1);
      assert.match(missing.out.stderr, /^cadence focus: no focus history found .*Pass --history FILE\.\n$/);
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
});
