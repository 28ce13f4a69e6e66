/**
 * Warms a freshly started stack before measuring: `workers` simultaneous
 * short sleeps, twice. The pool hands simultaneous requests to distinct free
 * workers, so every worker process serves one, and the proxy, the master and
 * the HTTP client run their request paths once. Without it, each process's
 * first request pays for JIT compilation (or Django's lazy imports), a fixed
 * wall-clock cost that a small time scale would magnify into seconds of
 * scenario time. Warm-up requests are not recorded. Failures are ignored:
 * the run itself will report a stack that does not answer.
 */
export async function warmUp(baseUrl: string, workers: number, timeScale: number): Promise<void> {
  const sleepMs = Math.max(1, Math.round(20 / timeScale));
  for (let round = 0; round < 2; round += 1) {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        try {
          const res = await fetch(`${baseUrl}/sleep?ms=${sleepMs}`, { signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
        } catch {
          // reported by the run itself
        }
      }),
    );
  }
}
