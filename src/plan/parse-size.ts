const SIZE = /^\s*(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB|TB|TiB|K|M|G|T)\s*$/i;

const FACTOR: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
};

/**
 * A memory size in bytes from text such as `4GiB`, `120MiB`, `1.5G` or
 * `512MB`: binary units (KiB, MiB, GiB, TiB, and K, M, G, T as `free` and
 * docker write them) are powers of 1024, decimal ones (KB, MB, GB, TB)
 * powers of 1000; B is bytes. A unit is required, so `--rss 120` is not
 * quietly 120 bytes. Returns null for anything else, or for 0.
 */
export function parseSizeBytes(text: string): number | null {
  const m = SIZE.exec(text);
  if (m === null) return null;
  const bytes = Number(m[1]) * (FACTOR[(m[2] as string).toLowerCase()] as number);
  return bytes > 0 && Number.isFinite(bytes) ? bytes : null;
}
