import { describe, expect, it } from 'vitest';
import { ObservedSchema } from '../../../src/results/index.js';
import { POOL_KINDS, poolObserved } from '../../../src/stack/index.js';

describe('poolObserved', () => {
  it('sees the embedded pool exactly, over TCP and unix alike, with no note', () => {
    expect(poolObserved('embedded', 'tcp')).toEqual({ queue: 'exact', busy: 'exact' });
    expect(poolObserved('embedded', 'unix')).toEqual({ queue: 'exact', busy: 'exact' });
  });

  it('samples uWSGI through its stats server, and does not see its queue on a unix socket', () => {
    expect(poolObserved('uwsgi', 'tcp')).toMatchObject({ queue: 'sampled', busy: 'sampled', note: expect.stringContaining('about once a second') });
    expect(poolObserved('uwsgi', 'unix')).toMatchObject({ queue: 'none', busy: 'sampled', note: expect.stringContaining('TCP_INFO is TCP-only') });
  });

  it('reads gunicorn’s and runserver’s accept queue exactly and estimates busy workers from open connections', () => {
    for (const kind of ['gunicorn', 'runserver'] as const) {
      expect(poolObserved(kind, 'tcp')).toMatchObject({ queue: 'exact', busy: 'estimated', note: expect.stringContaining(`${kind} has no stats server`) });
    }
  });

  it('reads gunicorn’s queue on a unix socket from /proc/net/unix, saying so', () => {
    expect(poolObserved('gunicorn', 'unix')).toMatchObject({ queue: 'exact', busy: 'estimated', note: expect.stringContaining('/proc/net/unix') });
  });

  it('gives every pool kind an observation the results schema accepts, with a note whenever one is not exact', () => {
    for (const kind of POOL_KINDS) {
      for (const socket of ['tcp', 'unix'] as const) {
        const o = poolObserved(kind, socket);
        expect(ObservedSchema.parse(o)).toEqual(o);
        if (o.queue !== 'exact' || o.busy !== 'exact') expect(o.note).toBeDefined();
      }
    }
  });
});
