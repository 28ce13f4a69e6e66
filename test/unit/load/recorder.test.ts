import { describe, expect, it } from 'vitest';
import { createRecorder } from '../../../src/load/recorder.js';
import { NO_TIMING } from '../../../src/load/timing-headers.js';
import { RequestRecordSchema } from '../../../src/results/request-record-schema.js';

describe('recorder', () => {
  it('converts wall times to scenario ms, sorts by scheduled time and numbers the records', () => {
    const progress: [number, number][] = [];
    const rec = createRecorder({ startWall: 1000, timeScale: 0.5, plannedTotal: 2, unplannedPhases: new Set(['closed#1']), onProgress: (d, t) => progress.push([d, t]) });
    const base = { method: 'GET', path: '/x', status: 200, timing: NO_TIMING, error: null };
    rec.add({ ...base, phase: 'open#0', scheduledWall: 1100, sentWall: 1101, endWall: 1150 });
    rec.add({ ...base, phase: 'open#0', scheduledWall: 1050, sentWall: 1050.5, endWall: 1060 });
    rec.add({ ...base, phase: 'closed#1', scheduledWall: 1200, sentWall: 1200, endWall: 1210 });
    const records = rec.records();
    expect(records.map((r) => [r.id, r.scheduledMs, r.sentMs, r.latencyMs])).toEqual([
      [0, 100, 101, 20],
      [1, 200, 202, 100],
      [2, 400, 400, 20],
    ]);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
      [3, 3],
    ]);
  });

  it('keeps the upstream connect time in scenario ms, null when the response had none', () => {
    const rec = createRecorder({ startWall: 0, timeScale: 0.1, plannedTotal: 2, unplannedPhases: new Set() });
    const base = { phase: 'burst#0', method: 'GET', path: '/x', status: 200, error: null, scheduledWall: 0, sentWall: 0, endWall: 1100 };
    rec.add({ ...base, timing: { ...NO_TIMING, connectMs: 10_040.0004 } });
    rec.add({ ...base, timing: NO_TIMING });
    expect(rec.records().map((r) => r.connectMs)).toEqual([10_040, null]);
  });

  it('keeps the thread that served a request (X-Caplab-Core), null when the pool did not say', () => {
    const rec = createRecorder({ startWall: 0, timeScale: 1, plannedTotal: 2, unplannedPhases: new Set() });
    const base = { phase: 'burst#0', method: 'GET', path: '/x', status: 200, error: null, endWall: 10 };
    rec.add({ ...base, scheduledWall: 0, sentWall: 0, timing: { ...NO_TIMING, worker: 1, core: 1 } });
    rec.add({ ...base, scheduledWall: 1, sentWall: 1, timing: { ...NO_TIMING, worker: 1 } });
    const records = rec.records();
    expect(records.map((r) => [r.worker, r.core])).toEqual([
      [1, 1],
      [1, null],
    ]);
    expect(records.every((r) => RequestRecordSchema.safeParse(r).success)).toBe(true);
  });
});
