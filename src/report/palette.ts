/**
 * Colours and line styles for every chart. The colours are the Okabe–Ito
 * palette, which stays distinguishable under the common forms of colour
 * blindness; series that could still be confused also differ by dash or
 * fill pattern, so the charts survive greyscale printing.
 */
export const OKABE_ITO = Object.freeze({
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
});

/** The role each colour plays, so a quantity has one colour in every chart. */
export const SERIES_COLOR = Object.freeze({
  latency: OKABE_ITO.blue,
  queue: OKABE_ITO.orange,
  service: OKABE_ITO.blue,
  busy: OKABE_ITO.bluishGreen,
  capacity: OKABE_ITO.black,
  failed: OKABE_ITO.vermillion,
  ok: OKABE_ITO.bluishGreen,
  clientError: OKABE_ITO.orange,
  serverError: OKABE_ITO.vermillion,
  noResponse: OKABE_ITO.reddishPurple,
  offered: OKABE_ITO.black,
  p50: OKABE_ITO.bluishGreen,
  p90: OKABE_ITO.orange,
  p99: OKABE_ITO.vermillion,
  throughput: OKABE_ITO.blue,
  runA: OKABE_ITO.blue,
  runB: OKABE_ITO.vermillion,
});

/** Canvas line-dash arrays (`ctx.setLineDash`). */
export const DASH = Object.freeze({
  solid: [] as number[],
  dashed: [7, 4],
  dotted: [2, 3],
  dashDot: [9, 3, 2, 3],
});

/** Adds an alpha channel to a `#rrggbb` colour: `withAlpha('#0072B2', 0.5)` → `#0072B280`. */
export function withAlpha(hex: string, alpha: number): string {
  const a = Math.round(Math.max(0, Math.min(1, alpha)) * 255);
  return `${hex}${a.toString(16).padStart(2, '0').toUpperCase()}`;
}
