/**
 * Minimises f over R^n by the Nelder–Mead simplex method with the standard
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½), as in
 * Lagarias et al., SIAM J. Optim. 9 (1998). Stops when the spread of f over
 * the simplex is below `tolerance` (relative to |f| + 1e-300) or after
 * `maxIterations`. Deterministic: no random restarts.
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  steps: readonly number[],
  options: { tolerance?: number; maxIterations?: number } = {},
): { x: number[]; value: number } {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 2000;
  const n = start.length;
  let simplex: { x: number[]; v: number }[] = [{ x: [...start], v: f(start) }];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = (x[i] as number) + (steps[i] as number);
    simplex.push({ x, v: f(x) });
  }
  const combine = (a: readonly number[], b: readonly number[], t: number): number[] => a.map((ai, i) => ai + t * ((b[i] as number) - ai));
  for (let iter = 0; iter < maxIterations; iter++) {
    simplex.sort((p, q) => p.v - q.v);
    const best = simplex[0]!;
    const worst = simplex[n]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + 1e-300)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (simplex[k]!.x[i] as number) / n;
    const reflected = combine(centroid, worst.x, -1);
    const vr = f(reflected);
    if (vr < best.v) {
      const expanded = combine(centroid, worst.x, -2);
      const ve = f(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1]!.v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const outside = vr < worst.v;
      const contracted = combine(centroid, outside ? reflected : worst.x, 0.5);
      const vc = f(contracted);
      if (vc < (outside ? vr : worst.v)) {
        simplex[n] = { x: contracted, v: vc };
      } else {
        simplex = simplex.map((p, k) => {
          if (k === 0) return p;
          const x = combine(best.x, p.x, 0.5);
          return { x, v: f(x) };
        });
      }
    }
  }
  simplex.sort((p, q) => p.v - q.v);
  return { x: simplex[0]!.x, value: simplex[0]!.v };
}
