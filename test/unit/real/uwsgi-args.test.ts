import { describe, expect, it } from 'vitest';
import { harakiriSeconds, uwsgiArgs, type UwsgiArgsInput } from '../../../src/stack/real/uwsgi-args.js';
import { pythonPoolEnv } from '../../../src/stack/real/wsgi-app.js';

const BASE: UwsgiArgsInput = {
  host: '127.0.0.1',
  port: 9001,
  statsPort: 9191,
  protocol: 'uwsgi',
  workers: 3,
  listen: 64,
  wrapperDir: '/pkg/src/app/wsgi',
};

/** The value following `flag`, or undefined if the flag is absent. */
function valueOf(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

describe('uwsgiArgs', () => {
  it("starts a master with N prefork workers on one socket, the stats server and caplab's WSGI wrapper", () => {
    const args = uwsgiArgs(BASE);
    expect(valueOf(args, '--plugins')).toBe('python3');
    expect(args).toContain('--master');
    expect(valueOf(args, '--processes')).toBe('3');
    expect(valueOf(args, '--listen')).toBe('64');
    expect(valueOf(args, '--socket')).toBe('127.0.0.1:9001');
    expect(args).not.toContain('--http-socket');
    expect(valueOf(args, '--stats')).toBe('127.0.0.1:9191');
    expect(args).toEqual(expect.arrayContaining(['--die-on-term', '--need-app', '--no-orphans', '--strict']));
    expect(valueOf(args, '--pythonpath')).toBe('/pkg/src/app/wsgi');
    expect(valueOf(args, '--module')).toBe('caplab_wsgi:application');
    expect(args).not.toContain('--harakiri');
    expect(args).not.toContain('--max-requests');
    expect(args).not.toContain('--min-worker-lifetime');
  });

  it('speaks HTTP with --http-socket, and brackets IPv6 addresses', () => {
    const args = uwsgiArgs({ ...BASE, protocol: 'http', host: '::1' });
    expect(valueOf(args, '--http-socket')).toBe('[::1]:9001');
    expect(args).not.toContain('--socket');
  });

  it('rounds harakiri up to whole seconds and passes max-requests', () => {
    expect(harakiriSeconds(1)).toBe(1);
    expect(harakiriSeconds(1000)).toBe(1);
    expect(harakiriSeconds(1001)).toBe(2);
    expect(harakiriSeconds(0)).toBe(1);
    const args = uwsgiArgs({ ...BASE, harakiriMs: 2500, maxRequests: 500 });
    expect(valueOf(args, '--harakiri')).toBe('3');
    expect(valueOf(args, '--max-requests')).toBe('500');
    expect(valueOf(args, '--min-worker-lifetime')).toBe('0');
  });

  it('treats harakiriMs and maxRequests of 0 as off, as the embedded pool does', () => {
    const args = uwsgiArgs({ ...BASE, harakiriMs: 0, maxRequests: 0 });
    expect(args).not.toContain('--harakiri');
    expect(args).not.toContain('--max-requests');
  });
});

describe('pythonPoolEnv', () => {
  it('passes the time scale and the app, and no PYTHONHOME, PYTHONPATH or settings module', () => {
    const env = pythonPoolEnv(0.05, { app: 'mysite.wsgi:application', chdir: '/srv/mysite', pythonpath: ['/a', '/b'] });
    expect(env.CAPLAB_TIME_SCALE).toBe('0.05');
    expect(env).toMatchObject({ CAPLAB_WSGI_APP: 'mysite.wsgi:application', CAPLAB_WSGI_CHDIR: '/srv/mysite', CAPLAB_WSGI_PYTHONPATH: '/a:/b' });
    expect(Object.keys(env).filter((k) => k === 'PYTHONHOME' || k === 'PYTHONPATH' || k === 'DJANGO_SETTINGS_MODULE')).toEqual([]);
    expect(env.PATH).not.toMatch(/pyenv|venv/);
  });

  it('leaves out the chdir and pythonpath an app does not have', () => {
    const env = pythonPoolEnv(1, { app: 'app:app', chdir: null, pythonpath: [] });
    expect(Object.keys(env).filter((k) => k.startsWith('CAPLAB_WSGI_'))).toEqual(['CAPLAB_WSGI_APP']);
  });
});
