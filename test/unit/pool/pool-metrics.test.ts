import { describe, expect, it } from 'vitest';
import { createPoolMetrics, METRIC_NAMES, parseStats, type PoolStats } from '../../../src/pool/index.js';
import { parsePromText, sampleValue } from '../../helpers/prom-text.js';

function worker(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, pid: 100 + id, requests: 10 * id, exceptions: id, harakiri_count: id - 1, respawn_count: 2 * id, status: 'idle', rss: 1000 * id, tx: 5, running_time: 200_000 * id, avg_rt: 20_000, ...over };
}

const embedded: PoolStats = parseStats(
  JSON.stringify({
    version: 'caplab-embedded',
    pid: 42,
    listen_queue: 3,
    listen_queue_errors: 7,
    load: 1,
    sockets: [{ name: '127.0.0.1:1', proto: 'uwsgi', queue: 3, max_queue: 100 }],
    workers: [worker(1, { status: 'busy' }), worker(2), worker(3, { status: 'respawning', pid: 0 })],
    caplab: { refused: 7, malformed: 0, busy: 1, request_duration: { le: [0.005, 0.01, 0.1], counts: [20, 10, 25] } },
  }),
);

describe('the pool\'s Prometheus metrics', () => {
  it('pass a strict text-format parser, with caplab_pool_ names, units in the name and _total counters', async () => {
    const text = await createPoolMetrics(async () => embedded).render();
    const families = parsePromText(text);
    for (const name of Object.values(METRIC_NAMES)) expect(families.has(name), name).toBe(true);
    for (const f of families.values()) {
      expect(f.name).toMatch(/^caplab_pool_/);
      expect(f.help).toBeTruthy();
      if (f.type === 'counter') expect(f.name).toMatch(/_total$/);
    }
    expect(families.get(METRIC_NAMES.duration)?.type).toBe('histogram');
    expect(families.get(METRIC_NAMES.workers)?.type).toBe('gauge');
    expect(families.get(METRIC_NAMES.requests)?.type).toBe('counter');
  });

  it('count workers by state, and carry each worker slot\'s counters', async () => {
    const families = parsePromText(await createPoolMetrics(async () => embedded).render());
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'busy' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'idle' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'respawning' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'cheap' })).toBe(0);
    expect(sampleValue(families, METRIC_NAMES.requests, { worker: '2' })).toBe(20);
    expect(sampleValue(families, METRIC_NAMES.exceptions, { worker: '3' })).toBe(3);
    expect(sampleValue(families, METRIC_NAMES.harakiri, { worker: '3' })).toBe(2);
    // uWSGI's respawn_count counts the first spawn too: 2 spawns are 1 replacement
    expect(sampleValue(families, METRIC_NAMES.respawns, { worker: '1' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.rss, { worker: '2' })).toBe(2000);
    expect(sampleValue(families, METRIC_NAMES.queue)).toBe(3);
    expect(sampleValue(families, METRIC_NAMES.queueMax)).toBe(100);
    expect(sampleValue(families, METRIC_NAMES.overflows)).toBe(7);
    expect(sampleValue(families, METRIC_NAMES.info, { version: 'caplab-embedded', pid: '42' })).toBe(1);
  });

  it('make the request-duration histogram cumulative, in seconds, counting every served request', async () => {
    const families = parsePromText(await createPoolMetrics(async () => embedded).render());
    const name = METRIC_NAMES.duration;
    expect(sampleValue(families, `${name}_bucket`, { le: '0.005' })).toBe(20);
    expect(sampleValue(families, `${name}_bucket`, { le: '0.01' })).toBe(30);
    expect(sampleValue(families, `${name}_bucket`, { le: '0.1' })).toBe(55);
    // 10 + 20 + 30 requests, 5 of them slower than every bound
    expect(sampleValue(families, `${name}_bucket`, { le: '+Inf' })).toBe(60);
    expect(sampleValue(families, `${name}_count`)).toBe(60);
    expect(sampleValue(families, `${name}_sum`)).toBeCloseTo(1.2, 9);
  });

  it('translate real uWSGI\'s document to the same names, with no histogram samples (uWSGI keeps no durations)', async () => {
    const uwsgi = parseStats(JSON.stringify({ version: '2.0.21-debian', pid: 9, listen_queue: 0, listen_queue_errors: 0, load: 0, sockets: [], workers: [worker(1, { status: 'cheap' })] }));
    const families = parsePromText(await createPoolMetrics(async () => uwsgi).render());
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'cheap' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.requests, { worker: '1' })).toBe(10);
    expect(families.get(METRIC_NAMES.duration)?.samples).toEqual([]);
  });

  it('read the document afresh at each scrape', async () => {
    let requests = 1;
    const metrics = createPoolMetrics(async () => parseStats(JSON.stringify({ version: 'x', pid: 1, listen_queue: 0, sockets: [], workers: [worker(1, { requests })] })));
    const first = sampleValue(parsePromText(await metrics.render()), METRIC_NAMES.requests, { worker: '1' });
    requests = 5;
    const second = sampleValue(parsePromText(await metrics.render()), METRIC_NAMES.requests, { worker: '1' });
    expect([first, second]).toEqual([1, 5]);
  });
});

describe('the strict text-format parser', () => {
  it('refuses what Prometheus would refuse', () => {
    expect(() => parsePromText('x 1\n')).toThrow(/no TYPE/);
    expect(() => parsePromText('# TYPE x_total counter\nx_total{a="1} 1\n')).toThrow(/unterminated/);
    expect(() => parsePromText('# TYPE x counter\nx 1\n')).toThrow(/_total/);
    expect(() => parsePromText('# TYPE x gauge\nx one\n')).toThrow(/bad value/);
    expect(() => parsePromText('# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n')).toThrow(/cumulative/);
    expect(() => parsePromText('# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na 2\n')).toThrow(/split/);
  });
});

describe('metrics of a source that cannot see requests', () => {
  it('leave out every counter and the histogram (zeros would read as no traffic), and keep the gauges', async () => {
    const families = parsePromText(await createPoolMetrics(async () => embedded, { counts: false }).render());
    expect([...families.values()].filter((f) => f.type === 'counter' || f.type === 'histogram')).toEqual([]);
    expect(sampleValue(families, METRIC_NAMES.workers, { state: 'busy' })).toBe(1);
    expect(sampleValue(families, METRIC_NAMES.queue)).toBe(3);
    expect(sampleValue(families, METRIC_NAMES.rss, { worker: '1' })).toBe(1000);
  });
});
