/**
 * The only environment switches caplab reads, read here so code further in
 * never looks at `process.env` itself. Child processes inherit them.
 */

/**
 * True when `CAPLAB_NATIVE=0`: the pool behaves as if its native addon could
 * not load (the fallback to the master-held queue), so the fallback can be
 * tested and chosen on a machine where the addon builds.
 */
export function nativeAddonDisabled(): boolean {
  return process.env.CAPLAB_NATIVE === '0';
}
