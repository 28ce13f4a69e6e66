import { describe, expect, it } from 'vitest';
import { inspectLocust } from '../../../src/locust/index.js';
import { runCli } from '../../helpers/cli.js';

describe('caplab doctor and Locust', () => {
  it('lists Locust with its status and version, and installs python3-locust when it is missing or too old', async () => {
    const r = await runCli(['doctor']);
    expect(r.code).toBe(0);
    const row = /^Locust\s+(found|MISSING|TOO OLD \(needs [\d.]+\))\s+(\S+)\s+\/usr\/bin\/locust\s+python3-locust\s/m.exec(r.stdout);
    expect(row, r.stdout).not.toBeNull();
    const check = inspectLocust();
    expect(row?.[1]).toBe(!check.found ? 'MISSING' : check.tooOld ? row?.[1] : 'found');
    if (row?.[1] === 'found') expect(row[2]).toMatch(/^\d+\.\d+/);
    else expect(r.stdout).toMatch(/apt-get install -y .*python3-locust/);
  });
});
