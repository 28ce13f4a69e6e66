import { CaplabError } from '../errors.js';
import { isEntry, LINE_PARSERS } from './line-parsers.js';
import { LogColumns } from './log-columns.js';
import { LOG_FORMATS, type ArrivalSource, type LineResult, type LogEntry, type LogFormatName, type ServiceSource } from './log-types.js';
import { readLogLines } from './read-log-lines.js';

/** What reading the files gave: the kept requests as columns, and the tallies. */
export interface CollectedLog {
  /** The files, ordered by their first arrival (rotated logs in time order). */
  readonly files: readonly string[];
  readonly format: LogFormatName;
  readonly columns: LogColumns;
  readonly lines: number;
  readonly bad: number;
  readonly firstBad: string | null;
  /** Extra upstream attempts summed over the lines (retries). */
  readonly retryAttempts: number;
  readonly arrivalSources: Readonly<Record<ArrivalSource, number>>;
  readonly serviceSources: Readonly<Record<ServiceSource, number>>;
}

function tryAll(line: string): { format: LogFormatName; result: LineResult } | null {
  let unusable: { format: LogFormatName; result: LineResult } | null = null;
  for (const format of LOG_FORMATS) {
    const result = LINE_PARSERS[format](line);
    if (isEntry(result)) return { format, result };
    if (result !== null && unusable === null) unusable = { format, result };
  }
  return unusable;
}

/**
 * Streams `files` line by line and keeps each parsed request's numbers in
 * LogColumns. With `format: 'auto'`, the first line that parses under a
 * known format fixes the format (the formats' shapes do not overlap).
 * Lines that do not parse are counted, the first one named with its file
 * and line; they are fatal (E_LOG_INVALID, one line naming file and line)
 * only when nothing parses: an empty log, binary data, lines without
 * timing fields, or lines of another format than the one asked for.
 */
export async function collectLog(files: readonly string[], requested: LogFormatName | 'auto'): Promise<CollectedLog> {
  if (files.length === 0) throw new CaplabError('E_LOG_INVALID', 'no log file given');
  const columns = new LogColumns();
  let format: LogFormatName | null = requested === 'auto' ? null : requested;
  let lines = 0;
  let bad = 0;
  let firstBad: string | null = null;
  let firstUnusable: string | null = null;
  let firstOther: string | null = null;
  let firstNonEmpty: string | null = null;
  const arrivalSources: Record<ArrivalSource, number> = { 'msec-minus-request-time': 0, 'timestamp-1s': 0 };
  const serviceSources: Record<ServiceSource, number> = { 'pool-log': 0, 'timing-header': 0, 'upstream-response-time': 0, none: 0 };
  const firstArrival = new Map<string, number>();
  let retryAttempts = 0;

  const keep = (file: string, e: LogEntry): void => {
    if (!firstArrival.has(file)) firstArrival.set(file, e.arrivalMs);
    columns.push(e);
    if (e.attempts > 1) retryAttempts += e.attempts - 1;
    arrivalSources[e.arrivalSource] += 1;
    serviceSources[e.serviceSource] += 1;
  };

  for (const file of files) {
    let lineNo = 0;
    let parsedHere = 0;
    for await (const line of readLogLines(file)) {
      lineNo += 1;
      if (line.trim() === '') continue;
      lines += 1;
      const where = `${file}:${lineNo}`;
      firstNonEmpty ??= where;
      if (parsedHere === 0 && (line.includes('\u0000') || line.includes('\ufffd'))) {
        throw new CaplabError('E_LOG_INVALID', `${where}: binary data (a NUL byte or invalid UTF-8), not a text access log`);
      }
      if (format !== null) {
        const result = LINE_PARSERS[format](line);
        if (isEntry(result)) {
          keep(file, result);
          parsedHere += 1;
          continue;
        }
        bad += 1;
        const reason = result === null ? `matches no line of the ${format} format` : result.unusable;
        firstBad ??= `${where}: ${reason}`;
        if (result !== null) firstUnusable ??= `${where}: ${result.unusable}`;
        if (result === null && requested !== 'auto' && firstOther === null) {
          const other = tryAll(line);
          if (other && isEntry(other.result)) firstOther = `${where}: the line is ${other.format}, not ${format} as --format says`;
        }
        continue;
      }
      const found = tryAll(line);
      if (found && isEntry(found.result)) {
        format = found.format;
        keep(file, found.result);
        parsedHere += 1;
        continue;
      }
      bad += 1;
      const reason = found ? (found.result as { unusable: string }).unusable : `matches no known format (${LOG_FORMATS.join(', ')})`;
      firstBad ??= `${where}: ${reason}`;
      if (found) firstUnusable ??= `${where}: ${reason}`;
    }
  }

  if (lines === 0) throw new CaplabError('E_LOG_INVALID', `${files[0]}:1: the log is empty`);
  if (columns.size === 0 || format === null) {
    const why = firstOther ?? firstUnusable ?? firstBad ?? `${firstNonEmpty}: nothing parses`;
    throw new CaplabError('E_LOG_INVALID', `${why}; no line of the log could be used`, {
      hint: firstUnusable && !firstOther ? 'log $request_time $upstream_response_time (and $msec) after combined; see the README, "Plans from access logs"' : undefined,
    });
  }
  const ordered = [...files].sort((a, b) => (firstArrival.get(a) ?? Infinity) - (firstArrival.get(b) ?? Infinity));
  return { files: ordered, format, columns, lines, bad, firstBad, retryAttempts, arrivalSources, serviceSources };
}
