/** The only way core code learns the time: production passes `systemClock`, tests a fake. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}
