// README's "Command line" table must name every subcommand and every flag as the definitions have them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { subcommands } from '../../../src/cli/commands';

describe('README command-line section', () => {
  const readme = fs.readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n## Command line\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));

  it('lists every subcommand with each of its flags in its table row', () => {
    assert.ok(start >= 0, 'README has a "## Command line" section');
    for (const [name, command] of Object.entries(subcommands)) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`cadence ${name}`));
      assert.ok(row, `README's Command line table has a row for cadence ${name}`);
      for (const flag of Object.keys(command.spec.flags))
        assert.match(row, new RegExp(`--${flag}\\b`), `README's row for cadence ${name} names --${flag}`);
    }
  });

  it('states the three exit codes', () => {
    for (const code of ['0', '1', '2']) assert.match(section, new RegExp(`^\\| ${code} \\| `, 'm'));
  });
});
