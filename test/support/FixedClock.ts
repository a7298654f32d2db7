import type { Clock } from '../../core/shared/Clock.js';

export class FixedClock implements Clock {
  constructor(public current: Date = new Date('2026-11-23T08:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }
}
