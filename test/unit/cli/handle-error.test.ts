import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { handleError, printable } from '../../../src/cli/handle-error.js';
import { CaplabError } from '../../../src/errors.js';

/** Runs handleError into a string. */
function handle(err: unknown, debug = false): { code: number; text: string } {
  let text = '';
  const stream = { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream;
  return { code: handleError(err, debug, stream), text };
}

describe('handleError', () => {
  it('prints the code with the message, then the hint, and returns the exit code', () => {
    const r = handle(new CaplabError('E_SCENARIO_INVALID', 'scenario x.yaml: load[0].open.rate must be > 0, got -5'));
    expect(r.code).toBe(2);
    expect(r.text).toBe('caplab: E_SCENARIO_INVALID: scenario x.yaml: load[0].open.rate must be > 0, got -5\n');
    const withHint = handle(new CaplabError('E_PORT_IN_USE', 'port 127.0.0.1:80 is already in use'));
    expect(withHint.text.split('\n')[1]).toMatch(/^hint: /);
  });

  it('prefixes every line of a message that lists several problems', () => {
    const r = handle(new CaplabError('E_FLAG', 'flags: --workers must be >= 1, got "-3"\nflags: --seed must be >= 0, got "-1"'));
    expect(r.text.split('\n').filter((l) => l.startsWith('caplab: E_FLAG: flags: '))).toHaveLength(2);
  });

  it('turns anything else into one E_INTERNAL line, exit 1, with the trace only under --debug', () => {
    const r = handle(new TypeError('boom\nsecond line'));
    expect(r.code).toBe(1);
    expect(r.text).toMatch(/^caplab: E_INTERNAL: internal error: boom\nhint: .*--debug/);
    expect(r.text).not.toMatch(/\n\s+at /);
    expect(handle(new TypeError('boom'), true).text).toMatch(/\n\s+at /);
  });

  it('escapes control characters and U+FFFD so binary input cannot garble the terminal', () => {
    expect(printable('ELF\u0002\u0001\ufffd\tx')).toBe('ELF\\u0002\\u0001\\ufffd\\u0009x');
    expect(handle(new CaplabError('E_SCENARIO_PARSE', 'got "\u0000\ufffd"')).text).not.toMatch(/[\u0000\ufffd]/);
  });

  it('exits 0 for --help and --version, 2 for usage printed because a command is missing', () => {
    expect(handle(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).code).toBe(0);
    expect(handle(new CommanderError(0, 'commander.version', '0.1.0')).code).toBe(0);
    expect(handle(new CommanderError(1, 'commander.help', '(outputHelp)')).code).toBe(2);
    expect(handle(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--x'")).code).toBe(2);
  });
});
