import type { BenchResult } from './bench-types.js';

/** A goal from the issue: its text for bench.md, and the test of one run's figures against it. */
export interface Target {
  readonly text: string;
  /** True when the goal is relative to the peer: without the peer's figure it cannot be judged. */
  readonly needsPeer: boolean;
  met(value: number, peerValue: number | null): boolean;
}

/** What a bench knows about one figure; `makeResult` fills in ratio and met. */
export interface ResultInput {
  readonly name: string;
  readonly value: number | null;
  readonly unit: string;
  readonly peer?: string | null;
  readonly peerValue?: number | null;
  /** True where value / peerValue means something (throughput, memory); not for differences near 0. */
  readonly ratio?: boolean;
  readonly target?: Target | null;
  readonly how?: string | undefined;
  readonly error?: string | undefined;
  readonly peerError?: string | undefined;
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/**
 * One bench.json result. Values are rounded to 4 significant decimals
 * (ms figures keep µs); ratio is value / peerValue when asked for and both
 * are known; met is null without a target or a value, or when the target
 * is relative to the peer and the peer has no figure (not installed).
 */
export function makeResult(input: ResultInput): BenchResult {
  const value = input.value === null || Number.isNaN(input.value) ? null : round(input.value, 4);
  const peerValue = input.peerValue === undefined || input.peerValue === null || Number.isNaN(input.peerValue) ? null : round(input.peerValue, 4);
  const ratio = input.ratio && value !== null && peerValue !== null && peerValue > 0 ? round(value / peerValue, 3) : null;
  const target = input.target ?? null;
  return {
    name: input.name,
    value,
    unit: input.unit,
    peer: input.peer ?? null,
    peerValue,
    ratio,
    target: target?.text ?? null,
    met: target && value !== null && !(target.needsPeer && peerValue === null) ? target.met(value, peerValue) : null,
    ...(input.how !== undefined ? { how: input.how } : {}),
    ...(input.error !== undefined ? { error: input.error } : {}),
    ...(input.peerError !== undefined && peerValue === null ? { peerError: input.peerError } : {}),
  };
}

/** The message of anything thrown, in one line. */
export function describeError(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
}

/** Results with no value for each of `names`, all carrying why. */
export function failedResults(names: readonly { name: string; unit: string }[], err: unknown): BenchResult[] {
  const error = describeError(err);
  return names.map(({ name, unit }) => makeResult({ name, value: null, unit, error }));
}
