import { describe, expect, it } from 'vitest';
import { parseStackList, parseStackSpec } from '../../../src/cli/parse-stack-list.js';
import { isCaplabError } from '../../../src/errors.js';
import { POOL_KINDS, PROXY_KINDS } from '../../../src/stack/index.js';

function failure(run: () => unknown): { message: string; exitCode: number } {
  try {
    run();
  } catch (err) {
    if (isCaplabError(err)) return { message: err.message, exitCode: err.exitCode };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('stack specs (--stacks, stacks:)', () => {
  it('"embedded" alone is embedded+embedded, and so is the long form', () => {
    expect(parseStackSpec('embedded')).toEqual({ label: 'embedded', proxy: 'embedded', pool: 'embedded' });
    expect(parseStackSpec('embedded+embedded')).toEqual({ label: 'embedded', proxy: 'embedded', pool: 'embedded' });
  });

  it('accepts every proxy kind with every pool kind, read from PROXY_KINDS and POOL_KINDS', () => {
    for (const proxy of PROXY_KINDS) {
      for (const pool of POOL_KINDS) {
        const spec = parseStackSpec(`${proxy}+${pool}`);
        expect(spec).toMatchObject({ proxy, pool });
      }
    }
  });

  it.each([
    ['nginx+foo', /"nginx\+foo": pool "foo" must be embedded, uwsgi/],
    ['apache+uwsgi', /"apache\+uwsgi": proxy "apache" must be embedded or nginx/],
    ['nginx', /"nginx" is not <proxy>\+<pool>/],
    ['nginx+uwsgi+x', /is not <proxy>\+<pool>/],
  ])('%s is refused, naming the bad part and what is accepted', (text, message) => {
    const parsed = parseStackSpec(text);
    expect('problem' in parsed && parsed.problem).toMatch(message);
  });

  it('a list keeps its order; every problem is reported at once in one line, exit 2', () => {
    expect(parseStackList('embedded, nginx+uwsgi', '--stacks').map((s) => s.label)).toEqual(['embedded', 'nginx+uwsgi']);
    const f = failure(() => parseStackList('embedded,nginx+foo,embedded+embedded,bar', '--stacks "x"'));
    expect(f.exitCode).toBe(2);
    expect(f.message).not.toContain('\n');
    expect(f.message).toMatch(/^--stacks "x": .*pool "foo".*"embedded" is listed twice.*"bar" is not/);
    expect(failure(() => parseStackList([], 'scenario s.yaml: stacks')).message).toBe('scenario s.yaml: stacks: lists no stack');
  });
});
