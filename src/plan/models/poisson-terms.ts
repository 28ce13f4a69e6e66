/**
 * Poisson probabilities e^{−x}·x^i/i! for the indices where they matter,
 * computed without overflow for any x: the term at the mode i* = ⌊x⌋ comes
 * from logs (ln Γ by Stirling's series), the others by the ratios
 * p(i+1) = p(i)·x/(i+1) and p(i−1) = p(i)·i/x, walking outwards until the
 * terms fall below 1e-20. Past that point the terms shrink at least
 * geometrically, with ratio ≤ 1 − 9/√x, so the skipped mass is below
 * 1e-20·√x/9: under 1e-15 for any x < 10^10.
 */
export function forEachPoissonTerm(x: number, visit: (i: number, pmf: number) => void): void {
  if (x <= 0) {
    visit(0, 1);
    return;
  }
  const mode = Math.floor(x);
  const atMode = Math.exp(-x + mode * Math.log(x) - logFactorial(mode));
  visit(mode, atMode);
  let p = atMode;
  for (let i = mode; i > 0; i--) {
    p *= i / x;
    if (p < MIN_TERM) break;
    visit(i - 1, p);
  }
  p = atMode;
  for (let i = mode + 1; ; i++) {
    p *= x / i;
    if (p < MIN_TERM) break;
    visit(i, p);
  }
}

const MIN_TERM = 1e-20;

/** ln(n!) for an integer n ≥ 0: exact sums below 20, Stirling's series (error < 1e-15) above. */
export function logFactorial(n: number): number {
  if (n < 20) {
    let s = 0;
    for (let k = 2; k <= n; k++) s += Math.log(k);
    return s;
  }
  const x = n + 1;
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}
