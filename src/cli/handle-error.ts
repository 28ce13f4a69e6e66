import { CommanderError } from 'commander';
import { EXIT, isCaplabError } from '../errors.js';

/**
 * The CLI's one error handler: prints a one- or two-line message (and hint)
 * to stderr and returns the exit code. Stack traces only with `debug`.
 * Commander's own usage errors (already printed by commander) map to 2.
 */
export function handleError(err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
    return EXIT.usage;
  }
  if (isCaplabError(err)) {
    process.stderr.write(`caplab: ${err.message}\n`);
    if (err.hint) process.stderr.write(`hint: ${err.hint}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`caplab: internal error: ${message.split('\n')[0]}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('hint: run again with --debug for the stack trace\n');
  return EXIT.failure;
}
