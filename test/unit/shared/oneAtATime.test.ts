import * as assert from 'node:assert/strict';
import { OneAtATime } from '../../../src/core/oneAtATime';

/** A task whose runs the test finishes by hand, so nothing depends on timing. */
function gatedTask() {
  const gates: Array<() => void> = [];
  let runs = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      runs++;
      gates.push(resolve);
    });
  const release = async () => {
    gates.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { task, release, runs: () => runs };
}

describe('OneAtATime', () => {
  it('runs once more after the run under way, however many calls came during it', async () => {
    const { task, release, runs } = gatedTask();
    const one = new OneAtATime(task);
    const first = one.run();
    const second = one.run();
    const third = one.run();
    assert.equal(second, first, 'a caller during a run waits for the run under way');
    assert.equal(third, first);
    assert.equal(runs(), 1);
    await release();
    assert.equal(runs(), 2, 'the calls during the first run made exactly one more');
    await release();
    await first;
    assert.equal(runs(), 2);
    // Idle again: the next call starts a new run.
    const next = one.run();
    assert.notEqual(next, first);
    assert.equal(runs(), 3);
    await release();
    await next;
  });

  it('stops looping once its owner is stopped', async () => {
    const { task, release, runs } = gatedTask();
    let stopped = false;
    const one = new OneAtATime(task, () => stopped);
    const first = one.run();
    void one.run();
    stopped = true;
    await release();
    await first;
    assert.equal(runs(), 1);
  });

  it('a failing run rejects its callers and leaves the runner usable', async () => {
    let fail = true;
    const one = new OneAtATime(async () => {
      if (fail) throw new Error('boom');
    });
    await assert.rejects(one.run(), /boom/);
    fail = false;
    await one.run();
  });
});
