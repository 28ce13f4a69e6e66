import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { describeFailedThresholds, describeSampleFailures, endOfRunError } from '../../../src/cli/end-of-run.js';
import { signalExitCode } from '../../../src/cli/interrupt.js';

const none = { death: null, writeProblem: null, interrupted: null, thresholdsFailed: null } as const;

describe('signalExitCode', () => {
  it('is 128 + the signal number from os.constants.signals', () => {
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(signalExitCode('SIGHUP')).toBe(128 + os.constants.signals.SIGHUP);
  });
});

describe('endOfRunError', () => {
  it('is null for a clean run', () => {
    expect(endOfRunError(none)).toBeNull();
  });

  it('gives the gravest ending: role death, then a write failure, then a signal, then thresholds', () => {
    const all = {
      death: 'pool master (pid 42) died (SIGKILL) at t = 2.0 s',
      writeProblem: 'report.html could not be written to /x (ENOSPC); results.json is kept at /x/results.json',
      interrupted: { signal: 'SIGTERM' as const, exitCode: 143 },
      thresholdsFailed: '1 threshold failed: latency.max < 25s',
    };
    const died = endOfRunError(all)!;
    expect([died.code, died.exitCode]).toEqual(['E_ROLE_DIED', 1]);
    expect(died.message).toMatch(/^pool master \(pid 42\) died \(SIGKILL\) at t = 2\.0 s/);
    expect(died.hint).toMatch(/results\.json is kept/);
    const write = endOfRunError({ ...all, death: null })!;
    expect([write.code, write.exitCode]).toEqual(['E_WRITE_FAILED', 1]);
    const term = endOfRunError({ ...all, death: null, writeProblem: null })!;
    expect([term.code, term.exitCode]).toEqual(['E_INTERRUPTED', 143]);
    const thr = endOfRunError({ ...none, thresholdsFailed: all.thresholdsFailed })!;
    expect([thr.code, thr.exitCode]).toEqual(['E_THRESHOLD', 99]);
  });

  it('describes failed thresholds and failed stats samples in one line', () => {
    expect(describeFailedThresholds([])).toBeNull();
    expect(describeFailedThresholds(['a < 1s', 'b < 2s'])).toBe('2 thresholds failed: a < 1s, b < 2s');
    expect(describeSampleFailures({ count: 3, first: 'connect ECONNREFUSED' })).toBe(
      'warning: 3 pool stats samples failed, so the queue timeline has gaps (first: connect ECONNREFUSED)',
    );
  });
});
