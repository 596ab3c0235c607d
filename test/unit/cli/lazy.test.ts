// The subcommands load lazily (src/cli/commands.ts): the summaries `cadence --help` prints without
// loading them must be the definitions' own, and a usage error thrown inside a subcommand's own
// copy of UsageError is still a usage error.
import * as assert from 'node:assert/strict';
import { subcommands } from '../../../src/cli/commands';
import { UsageError } from '../../../src/cli/io';

describe('lazy CLI subcommands', () => {
  it("list each definition's own summary in cadence --help", () => {
    for (const [name, command] of Object.entries(subcommands)) {
      assert.equal(command.summary, command.spec.summary, name);
      assert.equal(command.spec.name, name);
    }
  });

  it('recognise a usage error from another copy of the class (another chunk)', () => {
    const USAGE = Symbol.for('cadence.usageError');
    class OtherCopy extends Error {
      readonly [USAGE] = true;
    }
    assert.ok(new OtherCopy('x') instanceof UsageError);
    assert.ok(new UsageError('x') instanceof UsageError);
    assert.ok(!(new Error('x') instanceof UsageError));
    assert.ok(!((null as unknown as object) instanceof UsageError));
  });
});
