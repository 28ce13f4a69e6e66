import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseTimingHeaders } from '../load/index.js';
import { round3, type RequestRecord } from '../results/index.js';
import { RecordLineSchema, RecordsHeaderSchema, RecordsTrailerSchema, type RecordLine, type RecordsHeader } from './record-lines.js';

/** One worker's records file, read. */
export interface WorkerRecords {
  readonly file: string;
  /** Null when the file is empty or its first line is not a header (a worker that died at once). */
  readonly header: RecordsHeader | null;
  readonly lines: readonly RecordLine[];
  /** True when the file ends with the trailer: the worker ran its whole share. */
  readonly done: boolean;
  /** Lines that were not valid JSON or not a record (a last line cut short by a killed worker). */
  readonly unreadable: number;
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Parses one records file's text (see record-lines.ts). Pure. */
export function parseRecordsText(file: string, text: string): WorkerRecords {
  const rows = text.split('\n').filter((l) => l.trim() !== '');
  let header: RecordsHeader | null = null;
  const lines: RecordLine[] = [];
  let done = false;
  let unreadable = 0;
  rows.forEach((row, i) => {
    const value = parseLine(row);
    if (i === 0) {
      const h = RecordsHeaderSchema.safeParse(value);
      if (h.success) return void (header = h.data);
    }
    const record = RecordLineSchema.safeParse(value);
    if (record.success) return void lines.push(record.data);
    if (RecordsTrailerSchema.safeParse(value).success) return void (done = true);
    unreadable += 1;
  });
  return { file, header, lines, done, unreadable };
}

/** Reads every `*.jsonl` in `dir` (one file per worker), in name order; a missing folder has none. */
export async function readRecordsDir(dir: string): Promise<WorkerRecords[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (n) => parseRecordsText(path.join(dir, n), await readFile(path.join(dir, n), 'utf8'))));
}

/**
 * Merges every worker's lines into caplab's request records, in scenario ms
 * (wall ms ÷ time scale) from the shared start t0, sorted by scheduled then
 * sent time, with ids 0, 1, 2, … in that order: every record of every
 * worker, nothing averaged, so summaries computed from them are exact.
 */
export function mergeRecords(workers: readonly WorkerRecords[], timeScale: number): RequestRecord[] {
  const all = workers.flatMap((w) =>
    w.lines.map((l) => {
      const timing = parseTimingHeaders(
        {
          'x-caplab-worker': l.worker,
          'x-caplab-core': l.core,
          'x-caplab-queue-ms': l.queueMs,
          'x-caplab-service-ms': l.serviceMs,
          'x-caplab-upstream-connect-time': l.connect,
        },
        timeScale,
      );
      return {
        phase: l.phase,
        method: l.method,
        path: l.path,
        scheduledMs: round3(l.scheduledMs / timeScale),
        sentMs: round3(l.sentMs / timeScale),
        latencyMs: round3(l.latencyMs / timeScale),
        status: l.status,
        worker: timing.worker,
        core: timing.core,
        queueMs: timing.queueMs === null ? null : round3(timing.queueMs),
        serviceMs: timing.serviceMs === null ? null : round3(timing.serviceMs),
        connectMs: timing.connectMs === null ? null : round3(timing.connectMs),
        error: l.error,
      };
    }),
  );
  all.sort((a, b) => a.scheduledMs - b.scheduledMs || a.sentMs - b.sentMs);
  return all.map((r, id) => ({ id, ...r }));
}
