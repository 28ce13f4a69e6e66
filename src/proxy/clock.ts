/** A duration in ms as nginx logs it: seconds with millisecond resolution (0.012). */
export function logSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}
