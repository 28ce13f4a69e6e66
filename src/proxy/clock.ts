/** A duration in ms as nginx logs it: seconds with millisecond resolution (0.012). */
export function logSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/**
 * A duration in ms as nginx prints `$upstream_connect_time` and the other
 * `$upstream_*_time` variables: seconds with exactly three decimals ('0.001',
 * '1.004').
 */
export function headerSeconds(ms: number): string {
  return (Math.round(ms) / 1000).toFixed(3);
}
