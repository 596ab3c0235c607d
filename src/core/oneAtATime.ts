/**
 * Runs a task one at a time: a call while a run is under way asks for one more run after it and
 * returns the run under way (which includes that one more); any number of such calls make one more
 * run, not many. `stopped` ends the loop early (a disposed owner).
 */
export class OneAtATime {
  private running: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly stopped: () => boolean = () => false,
  ) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const loop = async () => {
      do {
        this.again = false;
        await this.task();
      } while (this.again && !this.stopped());
    };
    this.running = loop().finally(() => (this.running = undefined));
    return this.running;
  }
}
