import type { z } from 'zod';

/** The parts of a zod definition `keyPaths` walks; everything else has no keys of its own. */
interface WalkedDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

/**
 * Every key an object schema accepts, as a path from the root: `stack`,
 * `stack.workers`, `load[]`-items as `load[].open.rate`. Walks objects,
 * arrays, unions, pipes (`.transform`, `.preprocess`) and wrappers
 * (optional, default, nullable, …); records are skipped (their keys are
 * free). This is the vocabulary `formatIssues` suggests from, so the
 * suggestions can never drift from the schema.
 */
export function keyPaths(schema: z.ZodType): readonly string[] {
  const out = new Set<string>();
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType | undefined, at: string): void => {
    if (s === undefined || seen.has(s)) return;
    seen.add(s);
    const def = s.def as unknown as WalkedDef;
    if (def.shape !== undefined) {
      for (const [key, child] of Object.entries(def.shape)) {
        const here = at === '' ? key : `${at}.${key}`;
        out.add(here);
        walk(child, here);
      }
    }
    if (def.type === 'array') walk(def.element, `${at}[]`);
    walk(def.innerType, at);
    walk(def.in, at);
    walk(def.out, at);
    for (const option of def.options ?? []) walk(option, at);
    seen.delete(s);
  };
  walk(schema, '');
  return Object.freeze([...out]);
}
