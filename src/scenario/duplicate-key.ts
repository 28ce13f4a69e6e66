import { isMap, isScalar, visit, type Document } from 'yaml';

/**
 * The first key that appears twice in one mapping, with its offset, or
 * null. One pass with a set per mapping: the yaml library's own
 * `uniqueKeys` check compares every pair of keys, which takes seconds on a
 * mapping with tens of thousands of keys.
 */
export function findDuplicateKey(doc: Document): { key: string; offset: number } | null {
  let found: { key: string; offset: number } | null = null;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (seen.has(key)) {
          found = { key: String(key), offset: isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0 };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
