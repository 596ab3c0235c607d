import * as assert from 'node:assert/strict';
import { StatusTicker, type IntervalScheduler } from '../../../src/core/focus/ticker';
import { IDLE, next } from '../../../src/core/focus/timer';

describe('focus status ticker', () => {
  it('runs an interval only while a block or break runs, and writes only changed text', () => {
    let now = Date.UTC(2026, 10, 23, 8, 0);
    const handles = new Set<number>();
    let created = 0;
    const scheduler: IntervalScheduler = {
      setInterval: () => {
        handles.add(++created);
        return created;
      },
      clearInterval: (handle) => handles.delete(handle as number),
    };
    const writes: string[] = [];
    const ticker = new StatusTicker(
      scheduler,
      { now: () => now },
      () => undefined,
      (text) => writes.push(text),
    );
    ticker.update(IDLE);
    ticker.update(IDLE);
    assert.equal(handles.size, 0);
    assert.deepEqual(writes, ['$(watch) Focus']);
    const focus = next(IDLE, { type: 'start', id: 'b', minutes: 25 }, now).state;
    ticker.update(focus);
    ticker.update(focus);
    assert.equal(handles.size, 1);
    assert.equal(created, 1);
    now += 1000;
    ticker.render();
    assert.deepEqual(writes, ['$(watch) Focus', '$(watch) 25m']);
    ticker.update(next(focus, { type: 'pause' }, now).state);
    assert.equal(handles.size, 0);
    assert.equal(ticker.running, false);
  });
});
