// Every subcommand's usage errors, generated from the definitions: a flag added to any subcommand is
// covered here without a new test (exit 2, one line on stderr naming the flag, nothing on stdout).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { subcommands } from '../../../src/cli/commands';
import { runCli } from '../../../src/cli/run';
import { capture } from '../cliIo';

async function usage(argv: string[]): Promise<string> {
  const { out, io } = capture(os.tmpdir());
  const code = await runCli(argv, io);
  assert.equal(code, 2, `${argv.join(' ')}: exit ${code}, stderr ${out.stderr}`);
  assert.equal(out.stdout, '', argv.join(' '));
  assert.equal(out.stderr.split('\n').length, 2, `one line for ${argv.join(' ')}: ${out.stderr}`);
  return out.stderr;
}

describe('cadence usage errors, every subcommand', () => {
  for (const [name, command] of Object.entries(subcommands)) {
    const { flags, positionals } = command.spec;
    // A valid operand, so that only the flag under test is wrong.
    const operand = positionals?.required ? [positionals.choices?.[0] ?? '.'] : [];

    it(`${name}: --help lists every flag and an example, exit 0`, async () => {
      const { out, io } = capture();
      assert.equal(await runCli([name, '--help'], io), 0);
      assert.match(out.stdout, new RegExp(`^Usage: cadence ${name} `));
      for (const flag of Object.keys(flags)) assert.match(out.stdout, new RegExp(`--${flag}\\b`), flag);
      assert.ok(command.spec.examples.length > 0);
      assert.match(out.stdout, new RegExp(`\\nExamples:\\n  cadence ${name}|\\n  .*cadence completion`));
      const viaHelp = capture();
      assert.equal(await runCli(['help', name], viaHelp.io), 0);
      assert.equal(viaHelp.out.stdout, out.stdout);
    });

    it(`${name}: unknown flags, values given to switches, missing and empty values, bad choices and dates`, async () => {
      assert.equal(
        await usage([name, ...operand, '--frobnicate']),
        `cadence ${name}: unknown option '--frobnicate'; see 'cadence ${name} --help'\n`,
      );
      for (const [flag, spec] of Object.entries(flags)) {
        if (spec.type === 'boolean') {
          assert.equal(await usage([name, ...operand, `--${flag}=1`]), `cadence ${name}: --${flag} takes no value\n`);
          continue;
        }
        const missing = `cadence ${name}: --${flag} needs a value${spec.value ? ` (${spec.value})` : ''}\n`;
        assert.equal(await usage([name, ...operand, `--${flag}`]), missing);
        assert.equal(await usage([name, ...operand, `--${flag}=`]), missing);
        assert.equal(await usage([name, ...operand, `--${flag}`, '']), missing);
        if (spec.choices)
          assert.match(
            await usage([name, ...operand, `--${flag}`, 'no-such-format']),
            new RegExp(`--${flag} must be `),
          );
        if (spec.kind === 'date')
          for (const bad of ['2026-13-45', '2026-02-30'])
            assert.equal(
              await usage([name, ...operand, `--${flag}=${bad}`]),
              `cadence ${name}: --${flag} '${bad}' is not a calendar date (use the form 2026-11-23)\n`,
            );
        if (!spec.multiple) {
          const value = spec.choices?.[0] ?? (spec.kind === 'date' ? '2026-11-23' : 'a@b.c');
          assert.match(await usage([name, ...operand, `--${flag}`, value, `--${flag}`, value]), /is given twice/);
        }
      }
      if (positionals) assert.match(await usage([name, '']), new RegExp(`${positionals.name} must not be empty`));
      else assert.match(await usage([name, 'stray']), /unexpected argument 'stray'/);
    });
  }

  it('docs honours --: a record whose name starts with - is read, not taken for a flag', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-dashdash-'));
    fs.mkdirSync(path.join(dir, 'docs', 'decisions'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'docs', 'decisions', '-0103-odd.md'), '# 103. Odd name\n\n## Status\n\nAccepted\n');
    const { out, io } = capture(path.join(dir, 'docs', 'decisions'));
    assert.equal(await runCli(['docs', '--no-git', '--format', 'json', '--', '-0103-odd.md'], io), 0, out.stderr);
    const json = JSON.parse(out.stdout) as { decisions: { title: string; path: string }[] };
    assert.deepEqual(
      json.decisions.map((d) => d.title),
      ['Odd name'],
    );
    assert.match(
      await usage(['docs', '-0103-odd.md']),
      /unknown option '-0103-odd\.md' \(a path starting with '-' goes after '--'\)/,
    );
  });

  it('an unknown command and a missing one are usage errors too', async () => {
    assert.equal(await usage(['frobnicate']), "cadence: unknown command 'frobnicate' (see 'cadence --help')\n");
    assert.equal(await usage(['help', 'frobnicate']), "cadence: unknown command 'frobnicate' (see 'cadence --help')\n");
  });
});
