import { describe, expect, it } from 'vitest';
import { parseTimingHeaders } from '../../../src/load/index.js';
import { headersFromRaw, NO_TIMING } from '../../../src/load/timing-headers.js';

describe('timing headers', () => {
  it('parses and scales wall ms to scenario ms', () => {
    expect(parseTimingHeaders({ 'x-caplab-worker': '3', 'x-caplab-queue-ms': '12.5', 'x-caplab-service-ms': '100' }, 0.5)).toEqual({ worker: 3, queueMs: 25, serviceMs: 200 });
  });
  it('gives null for missing or malformed headers', () => {
    expect(parseTimingHeaders({}, 1)).toEqual(NO_TIMING);
    expect(parseTimingHeaders({ 'x-caplab-worker': '1.5', 'x-caplab-queue-ms': 'soon', 'x-caplab-service-ms': '' }, 1)).toEqual(NO_TIMING);
    expect(parseTimingHeaders({ 'x-caplab-worker': ['2', '3'] }, 1).worker).toBe(2);
  });
  it('reads raw header lists case-insensitively', () => {
    expect(headersFromRaw(['X-Caplab-Worker', '4', 'Content-Type', 'text/plain'])).toEqual({ 'x-caplab-worker': '4', 'content-type': 'text/plain' });
  });
});
