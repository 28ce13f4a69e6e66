import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPool, type RunningPool } from '../../../src/pool/index.js';
import { CLI } from '../../helpers/cli.js';
import { waitFor } from '../../helpers/processes.js';

// util-linux's script(1) gives top a pseudo-terminal, as a person's terminal would.
const SCRIPT = '/usr/bin/script';

describe.skipIf(!existsSync(SCRIPT))('caplab top on a terminal', () => {
  let pool: RunningPool;
  beforeAll(async () => {
    pool = await startPool({ workers: 2 });
  });
  afterAll(() => pool?.stop());

  it('redraws in place at least once a second, quits on q and gives the terminal back (cooked mode, echo, main screen)', async () => {
    const shell = `stty cols 100 rows 20; ${process.execPath} ${CLI} top --stats ${pool.host}:${pool.statsPort}; echo "EXIT=$?"; stty -a`;
    const child = spawn(SCRIPT, ['-qfec', shell, '/dev/null'], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const started = Date.now();
    expect(await waitFor(() => (out.match(/caplab top - /g) ?? []).length >= 3, 10_000), out).toBe(true);
    const elapsed = Date.now() - started;
    child.stdin.write('q');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(0);
    // three full screens within a little more than two refresh intervals (1 s each)
    expect(elapsed).toBeLessThan(4_000);
    expect(out).toContain('\x1b[?1049h');
    expect(out).toMatch(/\x1b\[\?25h\x1b\[\?1049l\s*EXIT=0/);
    expect(out).toMatch(/ WID +PID +STATUS +REQ AGE +REQS +EXC +HARAKIRI +RESPAWNS +AVG +RSS/);
    expect(out).toMatch(/(^|[\s;])icanon\b/m);
    expect(out).toMatch(/(^|[\s;])echo\b/m);
  });
});
