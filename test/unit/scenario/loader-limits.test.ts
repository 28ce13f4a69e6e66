import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isCaplabError } from '../../../src/errors.js';
import { buildPlan, LIMITS, loadScenario, parseScenario, serviceMean } from '../../../src/scenario/index.js';

const FIXTURES = path.resolve('test/fixtures/scenarios');
const tmp = mkdtempSync(path.join(tmpdir(), 'caplab-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The error a fixture (or text) fails with. */
async function failure(fixtureOrText: string, inline = false): Promise<{ code: string; exitCode: number; message: string; hint: string | undefined }> {
  try {
    if (inline) parseScenario(fixtureOrText);
    else await loadScenario(path.isAbsolute(fixtureOrText) ? fixtureOrText : path.join(FIXTURES, fixtureOrText));
  } catch (err) {
    if (!isCaplabError(err)) throw err;
    return { code: err.code, exitCode: err.exitCode, message: err.message, hint: err.hint };
  }
  throw new Error(`${fixtureOrText.slice(0, 40)} loaded without a problem`);
}

describe('scenario loader limits (defect 6)', () => {
  it('refuses a file over the size cap from its size, without reading it', async () => {
    const big = path.join(tmp, 'big.yaml');
    writeFileSync(big, 'name: big\n');
    truncateSync(big, 50 * 1024 * 1024);
    const started = performance.now();
    const err = await failure(big);
    expect(err).toMatchObject({ code: 'E_SCENARIO_PARSE', exitCode: 2 });
    expect(err.message).toMatch(/the file is 52428800 bytes, more than the limit of 1048576/);
    expect(err.message.split('\n')).toHaveLength(1);
    // Reading 50 MB and parsing it takes far longer than refusing from a stat.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('lists the first problems and counts the rest ("… and N more")', async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1`).join('\n');
    const err = await failure(`name: many\nload:\n  - burst: { count: 1, path: /hello }\n${keys}\n`, true);
    const lines = err.message.split('\n');
    expect(lines).toHaveLength(LIMITS.problemsListed + 1);
    expect(lines[0]).toBe('scenario <inline>: k0 is not a known key');
    expect(lines.at(-1)).toBe(`scenario <inline>: … and ${40_000 - LIMITS.problemsListed} more`);
    expect(err.hint).toMatch(/^40000 problems/);
  });

  it('takes time linear in the number of unknown keys, not quadratic', () => {
    const time = (n: number): number => {
      const text = `name: t\nload:\n  - burst: { count: 1, path: /hello }\n${Array.from({ length: n }, (_, i) => `key${i}: 1`).join('\n')}\n`;
      const start = performance.now();
      expect(() => parseScenario(text)).toThrow(/is not a known key/);
      return performance.now() - start;
    };
    time(2_000); // warm up
    const small = Math.max(time(10_000), 1);
    const large = time(40_000);
    // 4× the keys: about 4× the time when linear, 16× when quadratic (the yaml library's uniqueKeys check).
    expect(large / small).toBeLessThan(10);
  });

  it('still refuses a key written twice in one mapping, with its line', () => {
    expect(() => parseScenario('name: a\nload: [{burst: {count: 1, path: /}}]\nname: b\n')).toThrow(/<inline>:3:1: YAML syntax error: the key "name" appears twice/);
  });

  it('caps the length of the name (it names the report folder) and the description', async () => {
    const name = await failure('long-name.yaml');
    expect(name).toMatchObject({ code: 'E_SCENARIO_INVALID', exitCode: 2 });
    expect(name.message).toContain(`name must be at most ${LIMITS.nameChars} characters long (it names the report folder), got "aaaa`);
    expect(name.message).toContain('(250 characters)');
    const description = await failure('long-description.yaml');
    expect(description.message).toContain(`description must be at most ${LIMITS.descriptionChars} characters long`);
    expect(description.message.length).toBeLessThan(400);
  });

  it('refuses a binary file in one readable line, without mojibake', async () => {
    const err = await failure('binary.yaml');
    expect(err).toMatchObject({ code: 'E_SCENARIO_PARSE', exitCode: 2 });
    expect(err.message).toMatch(/binary\.yaml: not a text file/);
    expect(err.message).not.toMatch(/[\u0000-\u0008\ufffd]/);
  });
});

describe('scenario validation gaps (defect 9)', () => {
  it('refuses a header name with a space', async () => {
    const err = await failure('header-name-space.yaml');
    expect(err.code).toBe('E_SCENARIO_INVALID');
    expect(err.message).toContain('load[0].burst.requests[0].headers["X Bad Name"] has a bad header name');
  });

  it('refuses a header value with CR LF, which would inject a header', async () => {
    const err = await failure('header-value-crlf.yaml');
    expect(err.message).toContain('load[0].burst.requests[0].headers.X-Inject must not hold CR, LF or other control characters');
    expect(err.message).toContain('got "a\\r\\nX-Evil: 1"');
  });

  it('caps weights, so a mix never sums to Infinity and shares stay numbers', async () => {
    const err = await failure('huge-weights.yaml');
    expect(err.message).toContain(`load[0].open.requests[0].weight must be <= ${LIMITS.weight}, got 1.7e+308`);
    expect(err.message).toContain('load[0].open.requests[1].weight must be <=');
    const ok = parseScenario(`name: w\nload:\n  - open: { rate: 10, duration: 1s, requests: [ { path: /a, weight: ${LIMITS.weight} }, { path: /b, weight: ${LIMITS.weight} } ] }\n`);
    const total = ok.load[0]!.requests.reduce((n, r) => n + r.weight, 0);
    expect(Number.isFinite(total)).toBe(true);
  });

  it('refuses rates that would send nothing: below the floor, or under one expected request', async () => {
    const err = await failure('rate-sends-nothing.yaml');
    expect(err.message).toContain(`load[0].open.rate must be >= ${LIMITS.minRate} per second`);
    expect(err.message).toContain('got 1e-300');
    expect(err.message).toContain('load[1].open expects 0.5 requests (rate × duration), less than one, so it may send nothing');
    // A rate that sends something is kept, and the plan counts what it sends.
    const plan = buildPlan(parseScenario('name: r\nload:\n  - open: { rate: 0.1, duration: 10s, path: /hello }\n'));
    expect(plan.totalRequests).toBe(1);
  });

  it('bounds upstreamTimeout and harakiri with a message naming the scenario key, not internal fields', async () => {
    const err = await failure('huge-upstream-timeout.yaml');
    expect(err.message).toContain('stack.upstreamTimeout must be <= 86400000ms (one day), got 1e+300');
    expect(err.message).toContain('stack.harakiri must be <= 86400000ms (one day), got 1e+300');
    expect(err.message).not.toMatch(/connectTimeoutMs|readTimeoutMs/);
  });

  it('refuses an upstream timeout that the time scale stretches past what a timer can hold', () => {
    const scenario = parseScenario('name: t\nstack: { upstreamTimeout: 1h }\nload:\n  - burst: { count: 1, path: /hello }\n');
    expect(() => buildPlan(scenario, { timeScale: 1000 })).toThrow(expect.objectContaining({ code: 'E_USAGE', message: expect.stringMatching(/upstream timeout .* wall time/) }));
    expect(buildPlan(scenario, { timeScale: 1 }).stack.upstreamTimeoutMs).toBe(3_600_000);
  });

  it('accepts a lognormal by its mean or its median, never both, and caps its mean', async () => {
    const err = await failure('lognormal-by-mean.yaml');
    expect(err.message).not.toContain('requests[0]');
    expect(err.message).toContain('load[0].burst.requests[1].service must give a lognormal its median or its mean (one of them), got both');
    expect(err.message).toMatch(/load\[0\]\.burst\.requests\[2\]\.service has a mean of .*ms \(median × e\^\(sigma²\/2\)\), more than the limit of 3600000ms/);
    const ok = parseScenario('name: l\nload:\n  - burst: { count: 1, requests: [ { path: /sleep, service: { dist: lognormal, mean: 100ms, sigma: 0.5 } } ] }\n');
    const service = ok.load[0]!.requests[0]!.service!;
    expect(service).toMatchObject({ dist: 'lognormal', sigma: 0.5 });
    expect(serviceMean(service)).toBeCloseTo(100, 9);
  });
});
