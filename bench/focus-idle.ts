// The focus timer does no work while idle and at most one cheap render per second while running.
//   npm run build:tests && node out/bench/focus-idle.js
// Drives the same StatusTicker the status bar uses, with a fake scheduler over simulated hours, and
// counts intervals, timer callbacks and status-bar writes; then times one render against a baseline
// (formatting a time of day with toLocaleTimeString, which a naive timer does every tick).
import { StatusTicker, TICK_MS, type IntervalScheduler } from '../src/core/focus/ticker';
import { IDLE, next, type FocusEvent, type FocusState } from '../src/core/focus/timer';

const MIN = 60_000;

class FakeScheduler implements IntervalScheduler {
  intervalsCreated = 0;
  callbacks = 0;
  private active = new Map<number, () => void>();
  private nextId = 1;
  setInterval(callback: () => void, _ms: number): unknown {
    this.intervalsCreated++;
    const id = this.nextId++;
    this.active.set(id, callback);
    return id;
  }
  clearInterval(handle: unknown): void {
    this.active.delete(handle as number);
  }
  get running(): number {
    return this.active.size;
  }
  fire(): void {
    for (const callback of [...this.active.values()]) {
      this.callbacks++;
      callback();
    }
  }
}

let now = Date.UTC(2026, 10, 23, 8, 0);
const clock = { now: () => now };
const scheduler = new FakeScheduler();
let writes = 0;
let state: FocusState = IDLE;
const ticker = new StatusTicker(
  scheduler,
  clock,
  () => {
    // The window's tick: end the block when due (as the leader does), then render.
    const t = next(state, { type: 'tick' }, now);
    if (t.changed) {
      state = t.state;
      ticker.update(state);
    } else ticker.render();
  },
  () => writes++,
);

function dispatch(event: FocusEvent): void {
  state = next(state, event, now).state;
  ticker.update(state);
}

/** Advances simulated time second by second, firing whatever intervals exist. */
function simulate(ms: number): { callbacks: number; writes: number; intervals: number } {
  const before = { callbacks: scheduler.callbacks, writes, intervals: scheduler.intervalsCreated };
  for (let elapsed = 0; elapsed < ms; elapsed += TICK_MS) {
    now += TICK_MS;
    scheduler.fire();
  }
  return {
    callbacks: scheduler.callbacks - before.callbacks,
    writes: writes - before.writes,
    intervals: scheduler.intervalsCreated - before.intervals,
  };
}

ticker.update(state);
const idle = simulate(8 * 60 * MIN);
const intervalsBeforeStart = scheduler.intervalsCreated;
dispatch({ type: 'start', id: 'b', minutes: 50 });
const running = { ...simulate(50 * MIN + 5_000), intervals: scheduler.intervalsCreated - intervalsBeforeStart };
const afterBlock = { intervalsLeft: scheduler.running, phase: state.phase };
dispatch({ type: 'start', id: 'b2', minutes: 50 });
simulate(10 * MIN);
dispatch({ type: 'pause' });
const paused = simulate(30 * MIN);

console.log('focus-idle: simulated work of the status-bar timer');
console.log(
  `  idle 8 h:        ${idle.intervals} intervals, ${idle.callbacks} timer callbacks, ${idle.writes} status-bar writes`,
);
console.log(
  `  50-min block:    ${running.intervals} interval, ${running.callbacks} callbacks (${(running.callbacks / ((50 * MIN + 5_000) / 1000)).toFixed(2)}/s), ${running.writes} status-bar writes; after it ends: ${afterBlock.intervalsLeft} intervals, phase ${afterBlock.phase}`,
);
console.log(`  paused 30 min:   ${paused.intervals} intervals, ${paused.callbacks} callbacks, ${paused.writes} writes`);
if (idle.callbacks !== 0 || idle.intervals !== 0 || paused.callbacks !== 0 || afterBlock.intervalsLeft !== 0)
  throw new Error('the timer did work while idle or paused');
if (running.callbacks > (50 * MIN + 5_000) / 1000 + 1) throw new Error('more than one callback per second');

// CPU cost of one tick's render (text unchanged, the common case) and of a changing render,
// against a baseline of formatting the time of day once.
function time(label: string, iterations: number, body: (i: number) => void): number {
  for (let i = 0; i < 1000; i++) body(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) body(i);
  const ns = Number(process.hrtime.bigint() - started) / iterations;
  console.log(`  ${label.padEnd(44)} ${ns.toFixed(0).padStart(6)} ns`);
  return ns;
}
dispatch({ type: 'resume' });
const base = now;
console.log('focus-idle: cost per call');
const baseline = time('baseline: new Date().toLocaleTimeString()', 20_000, (i) => {
  new Date(base + i).toLocaleTimeString();
});
const unchanged = time('render, text unchanged (most ticks)', 200_000, () => ticker.render());
let flip = 0;
const changed = time('render, text changed (once a minute)', 200_000, () => {
  now = base + (flip++ % 2) * MIN;
  ticker.render();
});
console.log(
  `focus-idle: render ${(unchanged / baseline).toFixed(3)}x baseline unchanged, ${(changed / baseline).toFixed(3)}x changed`,
);
