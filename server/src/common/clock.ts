import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests can move time (deadlines, token expiry, jobs). */
@Injectable()
export class Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Test helper: shift time forward. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
