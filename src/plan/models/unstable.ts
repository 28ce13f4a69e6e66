/**
 * What a model returns instead of numbers when the queue it describes has no
 * steady state: with utilisation ρ ≥ 1 and an unbounded queue, the queue
 * grows without bound and every waiting-time figure would be meaningless.
 */
export interface Unstable {
  readonly stable: false;
  /** Offered utilisation ρ = λ·E[S]/c, which is ≥ 1. */
  readonly utilization: number;
  readonly reason: string;
}

/** The refusal for utilisation `rho` ≥ 1 (rounded to 3 decimals in the reason). */
export function unstable(rho: number): Unstable {
  const shown = Math.round(rho * 1000) / 1000;
  return Object.freeze({
    stable: false,
    utilization: rho,
    reason: `utilisation ${shown} ≥ 1: the queue grows without bound`,
  });
}
