// `cadence duty` and the CI formats of `cadence docs`/`cadence duty`, over the repository built by
// test/fixtures/duty.mjs. SARIF is validated against the 2.1.0 JSON schema shipped by an npm package.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { docsCommand } from '../../../src/cli/docs';
import { type DutyJson, dutyCommand } from '../../../src/cli/duty';
import { buildDutyRepo, NOW } from '../../fixtures/duty.mjs';
import { capture } from '../cliIo';

const clock = { now: () => Date.parse(NOW) };
const schemaPath = path.resolve(
  __dirname,
  '../../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json',
);

describe('cadence duty', () => {
  let root: string;
  const duty = dutyCommand(clock, 'UTC');

  before(function () {
    this.timeout(60_000);
    root = buildDutyRepo(path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-duty-'))), 'r'));
  });

  it('prints the JSON contract: who is on duty, the period and the items', async () => {
    const { out, io } = capture(root);
    assert.equal(await duty.run(['--format', 'json'], io), 0, out.stderr);
    const json = JSON.parse(out.stdout) as DutyJson;
    assert.deepEqual(Object.keys(json), ['onDuty', 'period', 'items']);
    // Two-week sprints from Mon 29 Dec 2025 in Berlin: the 24th sprint (16–29 Nov) is Linus's.
    assert.equal(json.onDuty, 'linus@example.com');
    assert.deepEqual(json.period, { start: '2026-11-16', end: '2026-11-29' });
    const deploy = json.items.find((i) => i.target === 'scripts/deploy.sh');
    assert.deepEqual(deploy, {
      kind: 'broken-path',
      code: null,
      path: 'README.md',
      line: 4,
      message: 'This doc names `scripts/deploy.sh`, which is gone: it was renamed to `scripts/release-deploy.sh`.',
      target: 'scripts/deploy.sh',
      renamedTo: 'scripts/release-deploy.sh',
      commits: null,
    });
    const drift = json.items.find((i) => i.kind === 'drift');
    assert.equal(drift?.path, 'docs/runbooks/payments.md');
    assert.equal(drift?.line, null);
    assert.equal(drift?.commits, 6);
    assert.deepEqual([...new Set(json.items.map((i) => i.kind))].sort(), [
      'broken-path',
      'drift',
      'guide-stale',
      'proposed-stale',
      'stale-runbook',
    ]);
  });

  it('gives paths relative to PATH, targets included', async () => {
    const { out, io } = capture(root);
    await duty.run(['docs', '--format=json'], io);
    const json = JSON.parse(out.stdout) as DutyJson;
    const tax = json.items.find((i) => i.target === '../src/billing/tax.ts');
    assert.equal(tax?.path, 'decisions/0001-use-postgres.md');
    assert.equal(tax?.renamedTo, '../src/tax/tax.ts');
  });

  it('exits 1 with --strict when anything is listed, 2 on usage, 1 when PATH cannot be read', async () => {
    for (const format of ['json', 'text', 'github', 'sarif']) {
      const strict = capture(root);
      assert.equal(await duty.run(['--strict', '--format', format], strict.io), 1);
      // The reason for exit 1 is said on stderr whatever the format, as `cadence docs --strict` does.
      assert.match(
        strict.out.stderr,
        /^cadence duty: --strict: \d+ items found \((\d+ [a-z-]+, )*\d+ [a-z-]+\), exiting 1\n$/,
        format,
      );
    }
    const usage = capture(root);
    await assert.rejects(duty.run(['--format', 'xml'], usage.io), /--format must be text, json, github or sarif/);
    await assert.rejects(duty.run(['--author', 'nobody'], usage.io), /--author must be an e-mail/);
    const missing = capture(root);
    assert.equal(await duty.run(['does-not-exist'], missing.io), 1);
    assert.match(missing.out.stderr, /cannot read .*does-not-exist/);
  });

  it('--drift-commits, --proposed-days and --guide-stale-months move the thresholds (the settings)', async () => {
    const kinds = async (args: string[]) => {
      const { out, io } = capture(root);
      assert.equal(await duty.run(['--format', 'json', ...args], io), 0, out.stderr);
      return [...new Set((JSON.parse(out.stdout) as DutyJson).items.map((i) => i.kind))].sort();
    };
    // Six commits to the payments service: drift at 6, not at 7.
    assert.ok((await kinds(['--drift-commits', '6'])).includes('drift'));
    assert.ok(!(await kinds(['--drift-commits=7'])).includes('drift'));
    // Proposed since 2026-09-01 (82 days before NOW); the guides last changed in January (10 months).
    assert.ok((await kinds(['--proposed-days', '80'])).includes('proposed-stale'));
    assert.deepEqual(await kinds(['--proposed-days', '400', '--guide-stale-months', '11', '--drift-commits', '99']), [
      'broken-path',
      'stale-runbook',
    ]);
    const usage = capture(root);
    for (const [args, value] of <[string[], string][]>[
      [['--drift-commits', '0'], '0'],
      [['--proposed-days', '-1'], '-1'],
      [['--guide-stale-months=-3'], '-3'],
      [['--proposed-days', '1.5'], '1.5'],
      [['--proposed-days', 'soon'], 'soon'],
    ]) {
      const flag = args[0].split('=')[0];
      await assert.rejects(
        duty.run(args, usage.io),
        new RegExp(`: ${flag} must be a positive whole number \\(1 or more\\), not '${value}'$`),
      );
    }
  });

  it("reads the repository's .vscode/settings.json (thresholds, runbook sections), with flags winning", async () => {
    const kinds = async (args: string[]) => {
      const { out, io } = capture(root);
      assert.equal(await duty.run(['--format', 'json', ...args], io), 0, out.stderr);
      return [...new Set((JSON.parse(out.stdout) as DutyJson).items.map((i) => i.kind))].sort();
    };
    const settings = path.join(root, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    try {
      fs.writeFileSync(
        settings,
        '{\n  // as the team has it\n  "cadence.docs.proposedDays": 400,\n  "cadence.docs.guideStaleMonths": 11,\n  "cadence.docs.driftCommits": 99,\n}',
      );
      assert.deepEqual(await kinds([]), ['broken-path', 'stale-runbook']);
      // A flag wins over the setting.
      assert.deepEqual(await kinds(['--drift-commits', '6']), ['broken-path', 'drift', 'stale-runbook']);
      fs.writeFileSync(settings, '{ "cadence.docs.runbookSections": ["Rollback"] }');
      assert.ok((await kinds([])).includes('missing-section'));
    } finally {
      fs.rmSync(path.dirname(settings), { recursive: true, force: true });
    }
  });

  it('a shallow clone: one note on stderr instead of drift and renames from a cut history', async () => {
    const shallow = path.join(path.dirname(root), 'shallow');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${root}`, shallow], { stdio: 'ignore' });
    const { out, io } = capture(shallow);
    assert.equal(await duty.run(['--format', 'json'], io), 0, out.stderr);
    assert.equal(
      out.stderr,
      `cadence duty: note: ${shallow} is a shallow clone: drift, renames and ages need the whole history and are left out (git fetch --unshallow)\n`,
    );
    const items = (JSON.parse(out.stdout) as DutyJson).items;
    assert.deepEqual(
      items.filter((i) => i.kind === 'drift' || i.kind === 'guide-stale' || i.renamedTo !== null),
      [],
    );
    // What the files say still stands: a link to nothing is broken.
    assert.ok(items.some((i) => i.kind === 'broken-path' && i.target === 'docs/missing.md'));
    const full = capture(root);
    assert.equal(await duty.run(['--format', 'json'], full.io), 0);
    assert.equal(full.out.stderr, '');
  });

  it('says whose turn it is in text, addressing --author', async () => {
    const { out, io } = capture(root);
    await duty.run(['--author', 'Linus@example.com'], io);
    assert.match(out.stdout, /^Docs duty this sprint: linus@example\.com \(2026-11-16 – 2026-11-29\) — you\n/);
  });

  it('without a team file nobody is on duty and everything else works', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-duty-noteam-'));
    fs.cpSync(root, copy, { recursive: true });
    fs.rmSync(path.join(copy, '.cadence'), { recursive: true });
    const { out, io } = capture(copy);
    assert.equal(await duty.run(['--format', 'json'], io), 0);
    const json = JSON.parse(out.stdout) as DutyJson;
    assert.equal(json.onDuty, null);
    assert.equal(json.period, null);
    assert.ok(json.items.length > 5);
  });

  it('a broken team file is one line on stderr and exit 1, the list still printed', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-duty-badteam-'));
    fs.cpSync(root, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, '.cadence', 'team.yml'), 'people: [\n');
    const { out, io } = capture(copy);
    assert.equal(await duty.run([], io), 1);
    assert.match(out.stdout, /Nobody is on duty: \.cadence\/team\.yml has problems\./);
    assert.equal(
      out.stderr,
      `cadence duty: ${path.join(copy, '.cadence', 'team.yml')}: not valid YAML (line 2: Flow sequence in block collection must be sufficiently indented and end with a ]); it was not read.\n`,
    );
    assert.equal(out.stderr.trim().split('\n').length, 1);
  });

  it('without git: one line on stderr, the items git does not find, exit 0 (1 with --strict)', async () => {
    const noGit = dutyCommand(clock, 'UTC', path.join(root, 'no-such-git'));
    const { out, io } = capture(root);
    assert.equal(await noGit.run(['--format', 'json'], io), 0);
    assert.equal(
      out.stderr,
      `cadence duty: git was not found (tried '${path.join(root, 'no-such-git')}'); drift, rename and stale-guide items need it and are left out (install git or put it on PATH, or pass --no-git)\n`,
    );
    const kinds = new Set((JSON.parse(out.stdout) as DutyJson).items.map((i) => i.kind));
    assert.ok(kinds.has('broken-path') && !kinds.has('drift'), [...kinds].join());
    // --strict: a list made without git is incomplete, so a CI step does not pass on it.
    const strictEmpty = capture(root);
    assert.equal(
      await noGit.run(['--strict', '--proposed-days', '999', '--guide-stale-months', '99', 'src'], strictEmpty.io),
      1,
    );
    assert.match(
      strictEmpty.out.stderr,
      /git was not found.*\ncadence duty: --strict: git was not found, so the list is incomplete; exiting 1\n$/,
    );
    // --no-git asks for no git: nothing to say.
    const asked = capture(root);
    assert.equal(await noGit.run(['--no-git', '--format', 'json'], asked.io), 0);
    assert.equal(asked.out.stderr, '');
  });

  it('--format github prints one workflow command per item and nothing else', async () => {
    const json = capture(root);
    await duty.run(['--format', 'json'], json.io);
    const count = (JSON.parse(json.out.stdout) as DutyJson).items.length;
    const { out, io } = capture(root);
    await duty.run(['--format', 'github'], io);
    const lines = out.stdout.trimEnd().split('\n');
    assert.equal(lines.length, count);
    for (const line of lines)
      assert.match(line, /^::(error|warning|notice) file=[^,]+,line=\d+,title=cadence [a-z-]+::\S/);
    assert.ok(
      lines.includes(
        '::warning file=README.md,line=4,title=cadence broken-path::This doc names `scripts/deploy.sh`, which is gone: it was renamed to `scripts/release-deploy.sh`.',
      ),
    );
  });

  it('--format sarif is valid SARIF 2.1.0 (for duty and docs)', async () => {
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object);
    for (const [command, args] of [
      [duty, ['--format', 'sarif']],
      [docsCommand(clock), ['--format', 'sarif', '--no-git']],
    ] as const) {
      const { out, io } = capture(root);
      await command.run([...args], io);
      const log = JSON.parse(out.stdout) as { runs: { results: { ruleId: string; locations: unknown[] }[] }[] };
      assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 3)));
      assert.ok(log.runs[0].results.length > 0);
    }
    // The schema check is real: a wrong level fails.
    assert.equal(
      validate({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'bad', message: { text: 'm' } }] }],
      }),
      false,
    );
  });

  it('cadence docs --format github annotates each problem with its file and line', async () => {
    const { out, io } = capture(root);
    await docsCommand(clock).run(['--format', 'github', '--strict'], io);
    assert.match(
      out.stdout,
      /^::notice file=docs\/runbooks\/payments\.md,line=4,title=cadence stale-runbook::This runbook was due for review on 2026-04-10/m,
    );
    assert.ok(out.stdout.split('\n').every((l) => l === '' || l.startsWith('::')));
  });

  it('annotations and SARIF name files from the repository top, also when PATH is a subfolder', async () => {
    for (const [name, command, args] of [
      ['docs', docsCommand(clock), ['--format', 'github', 'docs']],
      ['duty', duty, ['--format', 'github', 'docs']],
    ] as const) {
      const { out, io } = capture(root);
      await command.run([...args], io);
      assert.match(
        out.stdout,
        /^::(warning|notice) file=docs\/runbooks\/payments\.md,line=\d+,/m,
        `${name}: ${out.stdout}`,
      );
      assert.doesNotMatch(out.stdout, /file=runbooks\//, name);
    }
    const { out, io } = capture(root);
    await duty.run(['--format', 'sarif', 'docs'], io);
    assert.match(out.stdout, /"uri": "docs\/runbooks\/payments\.md"/);
  });
});
