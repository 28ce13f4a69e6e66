/** Anything the bench starts: a stack, a pool, a proxy, a keeper-held program, a child server. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** A started server, or why it could not be started. */
export type Started<T> = { readonly server: T; readonly error?: undefined } | { readonly server: null; readonly error: string };

const live = new Set<Stoppable>();

/**
 * Starts servers one at a time (never two start-ups competing for the CPU)
 * and remembers them, so `stopAll` and, on SIGINT or SIGTERM,
 * `stopEverything` end them all. A start that fails is returned as its
 * error, never thrown: one missing program costs one side of one figure.
 * Every server caplab starts also ends itself when the bench process dies
 * (watchParent, keeper processes), so nothing outlives even kill -9.
 */
export function createServerSet(): { start<T extends Stoppable>(start: () => Promise<T>): Promise<Started<T>>; stopAll(): Promise<void> } {
  const mine: Stoppable[] = [];
  return {
    async start(start) {
      try {
        const server = await start();
        mine.push(server);
        live.add(server);
        return { server };
      } catch (err) {
        return { server: null, error: err instanceof Error ? err.message : String(err) };
      }
    },
    async stopAll() {
      const servers = mine.splice(0).reverse();
      await Promise.all(servers.map((s) => s.stop().finally(() => live.delete(s))));
    },
  };
}

/** Stops every server any set has started and not yet stopped (for the signal handler). */
export async function stopEverything(): Promise<void> {
  const servers = [...live];
  live.clear();
  await Promise.allSettled(servers.map((s) => s.stop()));
}
