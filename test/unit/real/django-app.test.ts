import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkRealPrograms, REAL_PROGRAMS } from '../../../src/stack/real/index.js';
import { djangoProjectDir, wsgiWrapperDir } from '../../../src/stack/real/django-project-dir.js';

const HAS_DJANGO = checkRealPrograms().django;

// Drives caplab's Django project through caplab's WSGI wrapper, as a server
// would (no server: plain WSGI calls), and prints what each request
// returned, as JSON.
const SCRIPT = `
import io, json, os, sys, time
from wsgiref.util import setup_testing_defaults
sys.path.insert(0, os.environ["WRAPPER_DIR"])
import caplab_wsgi
from caplab_wsgi import application, parse_request_start
now = time.time()

def call(path, headers):
    environ = {}
    setup_testing_defaults(environ)
    environ["PATH_INFO"], _, environ["QUERY_STRING"] = path.partition("?")
    environ["wsgi.input"] = io.BytesIO(b"")
    environ.update(headers)
    seen = {}
    def start_response(status, hdrs, exc_info=None):
        seen["status"] = int(status.split()[0])
        seen["headers"] = dict(hdrs)
    body = b"".join(application(environ, start_response))
    return {"status": seen["status"], "headers": seen["headers"], "body": body.decode("utf-8", "replace")[:200], "length": len(body)}

out = {"pid": os.getpid(), "responses": {}, "parsed": {}}
for path in sys.argv[1:]:
    out["responses"][path] = call(path, {"HTTP_X_REQUEST_START": "t=%d" % int((now - 0.25) * 1e6)})
out["responses"]["no-header"] = call("/hello", {})
for raw in ["t=1700000000.123", "t=1700000000123456", "t=1700000000123", "1700000000.5", " t=1700000000 ", "t=0", "t=-5", "x t=1700000000", "garbage", ""]:
    out["parsed"][raw] = parse_request_start(raw)
print(json.dumps(out))
`;

const PATHS = [
  '/hello', '/sleep?ms=1000', '/io?ms=1000', '/cpu?ms=1000', '/status/503', '/status/204', '/bytes?n=1234',
  '/sleep', '/sleep?ms=abc', '/sleep?ms=-5', '/cpu?ms=', '/bytes?n=1.5', '/status/99', '/status/abc', '/status/', '/status/500/x',
  '/sleep?ms=5%0A', '/bytes?n=2&n=x', '/sleep?ms=' + 'y'.repeat(50), '/nope', '/', '/hello/',
];

interface Reply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly length: number;
}

function runApp(): { pid: number; responses: Record<string, Reply>; parsed: Record<string, number | null> } {
  const run = spawnSync(REAL_PROGRAMS.python3, ['-c', SCRIPT, ...PATHS], {
    env: {
      PATH: '/usr/bin:/bin',
      CAPLAB_TIME_SCALE: '0.01',
      PYTHONDONTWRITEBYTECODE: '1',
      WRAPPER_DIR: wsgiWrapperDir(),
      CAPLAB_WSGI_APP: 'caplab_site.wsgi:application',
      CAPLAB_WSGI_CHDIR: djangoProjectDir(),
    },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`python exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe.skipIf(!HAS_DJANGO)(`caplab's Django project${HAS_DJANGO ? '' : ' (SKIPPED: apt-get install python3-django)'}`, () => {
  const { pid, responses, parsed } = HAS_DJANGO ? runApp() : { pid: 0, responses: {}, parsed: {} };

  it('answers the sample app routes', () => {
    expect(responses['/hello']).toMatchObject({ status: 200, body: 'Hello, world!' });
    expect(responses['/status/503']).toMatchObject({ status: 503, length: 0 });
    expect(responses['/status/204']?.status).toBe(204);
    expect(responses['/bytes?n=1234']).toMatchObject({ status: 200, length: 1234 });
    expect(responses['/bytes?n=1234']!.body).toMatch(/^x+$/);
  });

  it('scales /sleep, /io and /cpu by CAPLAB_TIME_SCALE (1000 ms x 0.01 = 10 ms of service)', () => {
    for (const path of ['/sleep?ms=1000', '/io?ms=1000', '/cpu?ms=1000']) {
      const service = Number(responses[path]!.headers['X-Caplab-Service-Ms']);
      expect(responses[path]!.status).toBe(200);
      expect(service).toBeGreaterThanOrEqual(9.9);
      expect(service).toBeLessThan(500);
    }
  });

  it('gives 400 for a missing or bad query value and 404 for any other path', () => {
    for (const path of ['/sleep', '/sleep?ms=abc', '/sleep?ms=-5', '/cpu?ms=', '/bytes?n=1.5', '/status/99', '/status/abc', '/status/', '/status/500/x', '/sleep?ms=5%0A']) {
      expect(responses[path]?.status, path).toBe(400);
    }
    // the embedded sample app's messages, byte for byte
    expect(responses['/sleep']!.body).toBe('Bad Request: ms must be a number of milliseconds from 0 to 3600000, got nothing\n');
    expect(responses['/sleep?ms=abc']!.body).toBe('Bad Request: ms must be a number of milliseconds from 0 to 3600000, got "abc"\n');
    expect(responses['/status/99']!.body).toBe('Bad Request: CODE must be an HTTP status from 200 to 599, got "99"\n');
    expect(responses['/sleep?ms=' + 'y'.repeat(50)]!.body).toContain(`got "${'y'.repeat(40)}\u2026"`);
    // a repeated key: the first value counts, as URLSearchParams.get
    expect(responses['/bytes?n=2&n=x']).toMatchObject({ status: 200, length: 2 });
    expect(responses['/nope']).toMatchObject({ status: 404, body: 'Not Found\n' });
    expect(responses['/']?.status).toBe(404);
    expect(responses['/hello/']?.status).toBe(404);
  });

  it('adds the X-Caplab timing headers to every response, errors included', () => {
    for (const [path, reply] of Object.entries(responses)) {
      expect(reply.headers['X-Caplab-Worker'], path).toBe(String(pid));
      expect(reply.headers['X-Caplab-Service-Ms'], path).toMatch(/^\d+\.\d{3}$/);
    }
    // X-Request-Start was 250 ms before the script's start: queue >= 250 ms, 3 decimals
    for (const path of PATHS) {
      const queue = responses[path]!.headers['X-Caplab-Queue-Ms']!;
      expect(queue, path).toMatch(/^\d+\.\d{3}$/);
      expect(Number(queue)).toBeGreaterThanOrEqual(250);
    }
    expect(responses['no-header']!.headers['X-Caplab-Queue-Ms']).toBeUndefined();
  });

  it("reads X-Request-Start as nginx's seconds.millis, microseconds or milliseconds, by magnitude", () => {
    expect(parsed['t=1700000000.123']).toBeCloseTo(1700000000.123, 3);
    expect(parsed['t=1700000000123456']).toBeCloseTo(1700000000.123456, 6);
    expect(parsed['t=1700000000123']).toBeCloseTo(1700000000.123, 3);
    expect(parsed['1700000000.5']).toBeCloseTo(1700000000.5, 3);
    expect(parsed[' t=1700000000 ']).toBe(1700000000);
    expect(parsed['t=0']).toBeNull();
    expect(parsed['t=-5']).toBeNull();
    expect(parsed['x t=1700000000']).toBeNull();
    expect(parsed['garbage']).toBeNull();
    expect(parsed['']).toBeNull();
  });
});
