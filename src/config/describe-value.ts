/** A bad value as an error message quotes it: JSON where possible, `nothing` for undefined. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
