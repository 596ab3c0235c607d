import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { subcommands } from '../../../src/cli/commands';
import { completionScript } from '../../../src/cli/completion';
import { runCli } from '../../../src/cli/run';
import { capture } from '../cliIo';

const commands = Object.values(subcommands);

/** What bash completes for the words typed so far (the last one is being completed). */
function bashComplete(script: string, words: string[], cwd: string): string[] {
  const line = words.map((w) => `'${w}'`).join(' ');
  const program = `${script}\nCOMP_WORDS=(${line}); COMP_CWORD=${words.length - 1}; _cadence; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const output = execFileSync('bash', ['--norc', '--noprofile', '-c', program], { cwd, encoding: 'utf8' });
  return output.split('\n').filter(Boolean).sort();
}

describe('cadence completion', () => {
  it('prints a script for bash, zsh and fish; any other shell is a usage error', async () => {
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { out, io } = capture();
      assert.equal(await runCli(['completion', shell], io), 0);
      assert.equal(out.stdout, completionScript(shell as 'bash', commands));
    }
    const bad = capture();
    assert.equal(await runCli(['completion', 'tcsh'], bad.io), 2);
    assert.equal(bad.out.stderr, "cadence completion: SHELL must be bash, zsh or fish, not 'tcsh'\n");
    const none = capture();
    assert.equal(await runCli(['completion'], none.io), 2);
    assert.equal(none.out.stderr, 'cadence completion: SHELL is missing\n');
  });

  it('bash completes subcommands, each one’s flags, choices and paths, from the definitions', function () {
    if (process.platform === 'win32') this.skip();
    const script = completionScript('bash', commands);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadence-completion-'));
    fs.mkdirSync(path.join(dir, 'decisions'));
    fs.writeFileSync(path.join(dir, 'history.jsonl'), '');
    assert.deepEqual(
      bashComplete(script, ['cadence', ''], dir),
      [...Object.keys(subcommands), '--help', '--version'].sort(),
    );
    assert.deepEqual(
      bashComplete(script, ['cadence', 'd'], dir),
      Object.keys(subcommands)
        .filter((name) => name.startsWith('d'))
        .sort(),
    );
    for (const [name, command] of Object.entries(subcommands)) {
      const expected = [...Object.keys(command.spec.flags).map((f) => `--${f}`), '--help'].sort();
      assert.deepEqual(bashComplete(script, ['cadence', name, '--'], dir), expected, name);
    }
    assert.deepEqual(bashComplete(script, ['cadence', 'draft', '--format', ''], dir), [
      'json',
      'markdown',
      'slack',
      'text',
    ]);
    assert.deepEqual(bashComplete(script, ['cadence', 'docs', '--format', '=', 'j'], dir), ['json']);
    assert.deepEqual(bashComplete(script, ['cadence', 'focus', '--history', 'h'], dir), ['history.jsonl']);
    assert.deepEqual(bashComplete(script, ['cadence', 'docs', 'de'], dir), ['decisions']);
    assert.deepEqual(bashComplete(script, ['cadence', 'completion', ''], dir), ['bash', 'fish', 'zsh']);
    assert.deepEqual(bashComplete(script, ['cadence', 'draft', '--week', ''], dir), []);
  });

  it('zsh and fish name every subcommand and flag with its values', () => {
    const zsh = completionScript('zsh', commands);
    const fish = completionScript('fish', commands);
    assert.match(zsh, /^#compdef cadence\n/);
    for (const [name, command] of Object.entries(subcommands)) {
      assert.match(zsh, new RegExp(`^ {4}'${name}:`, 'm'));
      assert.match(zsh, new RegExp(`^ {8}${name}\\) _arguments`, 'm'));
      assert.match(fish, new RegExp(`-n __fish_use_subcommand -a ${name} -d '`));
      for (const [flag, spec] of Object.entries(command.spec.flags)) {
        const values = spec.choices ? `:[A-Z]+:\\(${spec.choices.join(' ')}\\)` : '';
        assert.match(
          zsh,
          new RegExp(`'${spec.multiple ? '\\*' : ''}--${flag}(=)?\\[.*\\]${values}`),
          `${name} ${flag}`,
        );
        const fishValues = spec.choices ? ` -x -a '${spec.choices.join(' ')}'` : '';
        assert.match(
          fish,
          new RegExp(`-n '__fish_seen_subcommand_from ${name}' -l ${flag}${fishValues}`),
          `${name} ${flag}`,
        );
      }
    }
  });

  it('bash accepts the script as valid syntax', function () {
    if (process.platform === 'win32') this.skip();
    execFileSync('bash', ['-n', '-c', completionScript('bash', commands)]);
  });
});
