/**
 * Readers for the optional, loosely typed fields later features attach to
 * results (`predictions`, `predicted`, `offeredRps`, `littlesLaw`). They
 * never throw: anything missing or of the wrong type reads as null.
 */

/** `obj[key]` when `obj` is a plain object, else undefined. */
export function fieldOf(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  return (obj as Record<string, unknown>)[key];
}

/** `obj[key]` when it is a finite number, else null. */
export function numberAt(obj: unknown, key: string): number | null {
  const v = fieldOf(obj, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The finite-number entries of a plain object, in its key order. */
export function numberEntries(obj: unknown): [string, number][] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'number' && Number.isFinite(v) ? [[k, v] as [string, number]] : [],
  );
}
