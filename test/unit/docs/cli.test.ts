import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type DocsJson, docsCommand } from '../../../src/cli/docs';
import { runCli } from '../../../src/cli/run';
import { capture } from '../cliIo';
import { clock, formatsFixture } from './fixtures';

describe('cadence docs', () => {
  const docs = docsCommand(clock);

  it('prints the JSON contract with paths relative to the given root and 1-based lines', async () => {
    const { out, io } = capture();
    assert.equal(await docs.run([path.join(formatsFixture(), 'madr2'), '--format', 'json', '--no-git'], io), 0);
    const json = JSON.parse(out.stdout) as DocsJson;
    assert.deepEqual(Object.keys(json), ['decisions', 'runbooks', 'problems', 'globs']);
    assert.deepEqual(json.globs, []);
    assert.deepEqual(json.decisions[1], {
      path: 'docs/adr/0002-use-yaml-for-config.md',
      number: 2,
      title: 'Use YAML for configuration',
      status: 'superseded',
      statusText: 'superseded by ADR-0003',
      date: '2018-01-20',
      supersedes: [],
      supersededBy: ['docs/adr/0003-use-toml-for-config.md'],
      tags: [],
      format: 'madr2',
    });
    assert.deepEqual(json.problems, [
      {
        path: 'docs/adr/0003-use-toml-for-config.md',
        line: 3,
        code: 'non-reciprocal-supersede',
        message:
          '0002-use-yaml-for-config.md says it is superseded by this record, but this record does not say "Supersedes" it; add the link back.',
      },
    ]);
  });

  it('prints runbooks in the contract shape', async () => {
    const { out, io } = capture();
    await docs.run([path.join(formatsFixture(), 'runbooks'), '--format=json', '--no-git'], io);
    const json = JSON.parse(out.stdout) as DocsJson;
    assert.deepEqual(json.runbooks.at(-1), {
      path: 'runbooks/payments/refund-stuck.md',
      title: 'Refunds stuck in pending',
      owner: 'grace@example.com',
      service: 'payments',
      lastReviewed: '2026-01-10',
      reviewDue: '2026-04-10',
      stale: true,
      sections: [],
      missingSections: [],
    });
  });

  it('exits 0 with problems, 1 with --strict, 1 on an unreadable path, 2 on usage errors', async () => {
    const mixed = path.join(formatsFixture(), 'mixed');
    assert.equal(await docs.run([mixed, '--no-git'], capture().io), 0);
    assert.equal(await docs.run([mixed, '--strict', '--no-git'], capture().io), 1);
    assert.equal(await docs.run([path.join(formatsFixture(), 'nygard'), '--strict', '--no-git'], capture().io), 0);
    const missing = capture();
    assert.equal(await docs.run([path.join(formatsFixture(), 'does-not-exist')], missing.io), 1);
    assert.match(missing.out.stderr, /^cadence docs: cannot read .*does-not-exist: no such file or folder\n$/);
    const usage = capture();
    assert.equal(await runCli(['docs', '--format', 'xml'], usage.io), 2);
    assert.equal(usage.out.stderr, "cadence docs: --format must be text, json, github or sarif, not 'xml'\n");
    assert.equal(await runCli(['docs', '--frobnicate'], capture().io), 2);
  });

  it('prints a readable text listing by default, relative to the current folder', async () => {
    const { out, io } = capture(formatsFixture());
    assert.equal(await docs.run(['nygard', '--no-git'], io), 0);
    assert.match(
      out.stdout,
      /^Decisions \(5\)\n {2}0001 Record architecture decisions {2}\[Accepted\] 2024-02-01 {2}doc\/architecture/,
    );
    assert.match(out.stdout, /\nProblems \(0\)\n$/);
  });

  it('is registered as `cadence docs` with help', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['docs', '--help'], io), 0);
    assert.match(out.stdout, /^Usage: cadence docs \[options\] \[PATH\]\.\.\./);
  });

  it('without git: one line on stderr, runbooks without last changes, exit 0 (1 with --strict)', async () => {
    const runbooks = path.join(formatsFixture(), 'runbooks');
    const missingGit = path.join(os.tmpdir(), 'cadence-no-such-git');
    const noGit = docsCommand(clock, missingGit);
    const { out, io } = capture();
    assert.equal(await noGit.run([runbooks, '--format', 'json'], io), 0);
    assert.equal(
      out.stderr,
      `cadence docs: git was not found (tried '${missingGit}'); runbooks' last changes (and overdue reviews) need it and are left out (install git or put it on PATH, or pass --no-git)\n`,
    );
    assert.ok((JSON.parse(out.stdout) as DocsJson).runbooks.length > 0);
    const strict = capture();
    assert.equal(await noGit.run([path.join(formatsFixture(), 'nygard'), runbooks, '--strict'], strict.io), 1);
    assert.match(strict.out.stderr, /^cadence docs: git was not found[^\n]*\ncadence docs: --strict: /);
    assert.equal(await noGit.run([runbooks, '--no-git', '--format', 'json'], capture().io), 0);
  });

  it('says on stderr how many problems made --strict exit 1, with --format json too', async () => {
    const mixed = path.join(formatsFixture(), 'mixed');
    const strict = capture();
    assert.equal(await docs.run([mixed, '--strict', '--format', 'json', '--no-git'], strict.io), 1);
    JSON.parse(strict.out.stdout);
    assert.match(strict.out.stderr, /^cadence docs: --strict: (\d+ errors? and )?\d+ warnings? found, exiting 1\n$/);
  });

  it("counts for --strict what the repository's cadence.docs.diagnostics levels make errors and warnings", async () => {
    // A copy with a settings file, inside a git repository so the settings are the repository's.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-cli-levels-'));
    fs.cpSync(path.join(formatsFixture(), 'runbooks'), repo, { recursive: true });
    fs.mkdirSync(path.join(repo, '.git'));
    const run = async (settings: string | undefined, args: string[]) => {
      fs.rmSync(path.join(repo, '.vscode'), { recursive: true, force: true });
      if (settings !== undefined) {
        fs.mkdirSync(path.join(repo, '.vscode'));
        fs.writeFileSync(path.join(repo, '.vscode', 'settings.json'), settings);
      }
      const { out, io } = capture();
      const code = await docs.run([repo, '--strict', '--no-git', ...args], io);
      return { ...out, code };
    };
    // By default an overdue runbook is information: listed, a notice, not counted.
    let result = await run(undefined, ['--format', 'json']);
    assert.deepEqual([result.code, result.stderr], [0, '']);
    assert.deepEqual(
      (JSON.parse(result.stdout) as DocsJson).problems.map((p) => p.code),
      ['stale-runbook'],
    );
    // The repository asks for a warning (JSONC, as VS Code writes it): counted.
    result = await run(
      '{\n  // CI fails on overdue runbooks\n  "cadence.docs.diagnostics": { "stale-runbook": "warning" },\n}',
      [],
    );
    assert.deepEqual([result.code, result.stderr], [1, 'cadence docs: --strict: 1 warning found, exiting 1\n']);
    // Off: left out of every output.
    result = await run('{ "cadence.docs.diagnostics": { "stale-runbook": "off" } }', ['--format', 'github']);
    assert.deepEqual([result.code, result.stdout], [0, '']);
    // A broken settings file: one line, and the defaults.
    result = await run('{ "cadence.docs.diagnostics": ', []);
    assert.equal(result.code, 0);
    assert.match(
      result.stderr,
      /^cadence docs: .*settings\.json is not a JSON object .*; its settings were not used\n$/,
    );
  });

  it('escapes control characters and bidirectional overrides in text output', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-cli-escape-'));
    const folder = path.join(root, 'docs', 'decisions');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(
      path.join(folder, '0001-evil\u202ename.md'),
      '# 1. Title \u001b[31mred\u001b[0m and \u202etxt.exe\n\n## Status\n\nAccepted\n',
    );
    const { out, io } = capture();
    assert.equal(await docs.run([root, '--no-git'], io), 0);
    // eslint-disable-next-line no-control-regex -- the test looks for the raw characters
    assert.ok(!/[\u001b\u202e]/.test(out.stdout), out.stdout);
    assert.match(out.stdout, /Title \\u\{001B\}\[31mred\\u\{001B\}\[0m and \\u\{202E\}txt\.exe/);
    assert.match(out.stdout, /0001-evil\\u\{202E\}name\.md/);
  });
});
