import { describe, expect, it } from 'vitest';
import { renderGunicornConf } from '../../../src/stack/real/gunicorn-conf.js';
import { uwsgiArgs } from '../../../src/stack/real/uwsgi-args.js';

const UWSGI = { host: '127.0.0.1', port: 9001, statsPort: 9191, protocol: 'uwsgi' as const, workers: 2, listen: 64, wrapperDir: '/pkg/src/app/wsgi' };

describe("uWSGI's knobs on its command line", () => {
  it('threads 2: --threads 2 with --enable-threads; reload-on-rss in whole MiB; the master FIFO for chain reloads', () => {
    const args = uwsgiArgs({ ...UWSGI, threads: 2, reloadOnRssMb: 199.5, maxRequests: 50, masterFifo: '/tmp/x/master.fifo' });
    expect(args.join(' ')).toContain('--threads 2 --enable-threads');
    expect(args.join(' ')).toContain('--reload-on-rss 200');
    expect(args.join(' ')).toContain('--max-requests 50');
    expect(args.filter((a) => a === '--min-worker-lifetime')).toHaveLength(1);
    expect(uwsgiArgs({ ...UWSGI, reloadOnRssMb: 300 }).join(' ')).toContain('--min-worker-lifetime 0');
    expect(args.join(' ')).toContain('--master-fifo /tmp/x/master.fifo');
  });

  it('one thread: no --threads, no --enable-threads, no reload-on-rss', () => {
    const args = uwsgiArgs({ ...UWSGI, threads: 1 });
    expect(args).not.toContain('--threads');
    expect(args).not.toContain('--enable-threads');
    expect(args).not.toContain('--reload-on-rss');
  });
});

describe("gunicorn's knobs in its config", () => {
  const BASE = { host: '127.0.0.1', port: 8123, workers: 2, listen: 16, wrapperDir: '/opt/caplab/wsgi' };
  it('threads 4: gthread workers with 4 threads; max_requests as given', () => {
    const conf = renderGunicornConf({ ...BASE, threads: 4, maxRequests: 100 });
    expect(conf).toContain('worker_class = "gthread"');
    expect(conf).toContain('threads = 4');
    expect(conf).toContain('max_requests = 100');
  });
  it('one thread: sync workers', () => {
    expect(renderGunicornConf(BASE)).toContain('worker_class = "sync"');
    expect(renderGunicornConf(BASE)).not.toContain('threads =');
  });
});
