/**
 * Warms a freshly started stack before measuring: `workers` simultaneous
 * requests for `path`, twice, where `path` is the app's own warm-up route
 * (`warmUpPath` in app/; for the sample app, a short sleep). The pool hands
 * simultaneous requests to distinct free workers, so every worker process
 * serves one, and the proxy, the master and the HTTP client run their
 * request paths once. Without it, each process's first request pays for JIT
 * compilation (or Django's lazy imports), a fixed wall-clock cost that a
 * small time scale would magnify into seconds of scenario time. A null
 * `path` (an app whose routes caplab does not know) sends nothing. Warm-up
 * requests are not recorded. Failures are ignored: the run itself will
 * report a stack that does not answer.
 */
export async function warmUp(baseUrl: string, workers: number, path: string | null): Promise<void> {
  if (path === null) return;
  for (let round = 0; round < 2; round += 1) {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        try {
          const res = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(5000) });
          await res.arrayBuffer();
        } catch {
          // reported by the run itself
        }
      }),
    );
  }
}
