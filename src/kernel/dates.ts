import type { Clock } from './clock.ts';

/** Legal dates are calendar dates in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function chinaDate(clock: Clock): string {
  return new Date(clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
