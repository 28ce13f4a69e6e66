import { CommanderError } from 'commander';
import { caplabError, EXIT, isCaplabError, type CaplabError } from '../errors.js';

/**
 * The CLI's one error handler: prints `caplab: <code>: <message>` (and a
 * `hint:` line) to stderr and returns the exit code. A message of several
 * lines (a config error lists every problem) gets the prefix on each line.
 * Stack traces only with `debug`. Commander's own usage errors (already
 * printed by commander) map to 2, and so does the usage commander prints
 * for `caplab` with no command. Anything that is not a CaplabError is an
 * E_INTERNAL (exit 1). Control characters in a message are shown escaped,
 * so a message that quotes a binary file cannot garble the terminal.
 */
export function handleError(err: unknown, debug: boolean, stream: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof CommanderError) {
    // `caplab --help` and `--version` exit 0; usage shown because a command is missing (`caplab` alone) is an error.
    const informational = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
    return informational && err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const known: CaplabError = isCaplabError(err)
    ? err
    : caplabError('E_INTERNAL', `internal error: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`, { cause: err });
  for (const line of known.message.split('\n')) stream.write(`caplab: ${known.code}: ${printable(line)}\n`);
  const hint = known.code === 'E_INTERNAL' && debug ? undefined : known.hint;
  if (hint) stream.write(`hint: ${printable(hint)}\n`);
  const stack = isCaplabError(err) ? err.stack : err instanceof Error ? err.stack : undefined;
  if (debug && stack) stream.write(`${stack}\n`);
  return known.exitCode;
}

/** One line of text with control characters (tabs and newlines too) and U+FFFD escaped. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
