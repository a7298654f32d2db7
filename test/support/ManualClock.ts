import type { Clock } from '../../core/shared/Clock.js';

/** A clock that stands still until the test moves it (forward or back). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date('2026-11-23T08:00:00Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
