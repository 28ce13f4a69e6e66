import type { ProcessTrack } from './fuzz-summary.js';
import { readProcessUsage } from './read-process-usage.js';

/**
 * Follows the RSS and open fds of a changing set of processes: each
 * `sample(processes)` reads /proc for every (role, pid) given and updates
 * that process's start, end and max. A process that appears later (a
 * respawned worker) starts its own track; a process that is gone keeps
 * its last values as its end.
 */
export class ProcessTracker {
  private readonly tracks = new Map<string, { role: string; pid: number; rss: number[]; fds: number[] }>();

  sample(processes: ReadonlyArray<{ readonly role: string; readonly pid: number }>): void {
    for (const { role, pid } of processes) {
      const usage = readProcessUsage(pid);
      if (!usage) continue;
      const key = `${role}:${pid}`;
      const track = this.tracks.get(key) ?? { role, pid, rss: [], fds: [] };
      this.tracks.set(key, track);
      track.rss.push(usage.rssKiB);
      track.fds.push(usage.fds);
    }
  }

  /** One entry per process seen, in the order first seen. */
  report(): ProcessTrack[] {
    return [...this.tracks.values()].map((t) => ({
      role: t.role,
      pid: t.pid,
      rssKiB: range(t.rss),
      fds: range(t.fds),
      samples: t.rss.length,
    }));
  }
}

function range(values: readonly number[]): { start: number; end: number; max: number } {
  return { start: values[0] ?? 0, end: values[values.length - 1] ?? 0, max: Math.max(0, ...values) };
}
