// When a window does work for the status bar: a one-second interval only while a focus block or a
// break runs (idle and paused states change only through events, so no timer exists at all), and
// the item's text is written only when it changes. The scheduler is injected so the benchmark and
// the tests can count intervals and renders over simulated hours.
import type { Clock } from '../clock';
import { needsTicking, statusText, type FocusState } from './timer';

/** The two timer functions the ticker needs (the host's setInterval/clearInterval in production). */
export interface IntervalScheduler {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const TICK_MS = 1000;

export class StatusTicker {
  private handle: unknown;
  private text = '';
  private state: FocusState | undefined;

  constructor(
    private readonly scheduler: IntervalScheduler,
    private readonly clock: Clock,
    /** Runs once per tick while running (the window's periodic work: render, heartbeat, end on time). */
    private readonly onTick: () => void,
    /** Writes the text to the status bar; called only when it changed. */
    private readonly write: (text: string) => void,
  ) {}

  /** Adopt a new state: render it, and start or stop the interval as the state needs. */
  update(state: FocusState): void {
    this.state = state;
    this.render();
    const want = needsTicking(state);
    if (want && this.handle === undefined) this.handle = this.scheduler.setInterval(() => this.onTick(), TICK_MS);
    else if (!want && this.handle !== undefined) this.stop();
  }

  /** Re-renders the current state at the current time (cheap: one string compare when unchanged). */
  render(): void {
    if (!this.state) return;
    const text = statusText(this.state, this.clock.now());
    if (text === this.text) return;
    this.text = text;
    this.write(text);
  }

  get currentText(): string {
    return this.text;
  }

  get running(): boolean {
    return this.handle !== undefined;
  }

  stop(): void {
    if (this.handle !== undefined) this.scheduler.clearInterval(this.handle);
    this.handle = undefined;
  }
}
