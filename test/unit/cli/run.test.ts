import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/run';
import { capture } from '../cliIo';

describe('cadence CLI', () => {
  it('prints the version', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['--version'], io), 0);
    assert.match(out.stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('prints help on --help with exit 0, and on no arguments to stderr with exit 2', async () => {
    const help = capture();
    assert.equal(await runCli(['--help'], help.io), 0);
    assert.match(help.out.stdout, /Usage: cadence <command>/);
    const none = capture();
    assert.equal(await runCli([], none.io), 2);
    assert.match(none.out.stderr, /Usage: cadence <command>/);
  });

  it('rejects an unknown command with one line and exit 2', async () => {
    const { out, io } = capture();
    assert.equal(await runCli(['frobnicate'], io), 2);
    assert.equal(out.stderr, "cadence: unknown command 'frobnicate' (see 'cadence --help')\n");
  });
});
