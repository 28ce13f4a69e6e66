import { describe, expect, it } from 'vitest';
import { renderGunicornConf } from '../../../src/stack/real/gunicorn-conf.js';

const BASE = { host: '127.0.0.1', port: 8123, workers: 2, listen: 16, wrapperDir: '/opt/caplab/wsgi' };

describe('renderGunicornConf', () => {
  it('binds host:port over TCP', () => {
    expect(renderGunicornConf(BASE)).toContain('bind = ["127.0.0.1:8123"]');
  });

  it("binds gunicorn's unix:/path when given a socket path, with the same backlog", () => {
    const conf = renderGunicornConf({ ...BASE, port: 0, socketPath: '/tmp/caplab-link-x/pool.sock' });
    expect(conf).toContain('bind = ["unix:/tmp/caplab-link-x/pool.sock"]');
    expect(conf).toContain('backlog = 16');
  });
});
