import type { LineResult, LogFormatName } from './log-types.js';
import { parseGunicorn } from './parse-gunicorn.js';
import { parseNginxCombined } from './parse-nginx-combined.js';
import { parseNginxJson } from './parse-nginx-json.js';
import { parseUwsgi } from './parse-uwsgi.js';

/** Each format's line parser, in the order auto-detection tries them. */
export const LINE_PARSERS: Readonly<Record<LogFormatName, (line: string) => LineResult>> = {
  'nginx-combined-timed': parseNginxCombined,
  'nginx-json': parseNginxJson,
  uwsgi: parseUwsgi,
  gunicorn: parseGunicorn,
};

/** True for a parsed entry (not a miss, not an unusable line). */
export function isEntry(r: LineResult): r is Exclude<LineResult, null | { readonly unusable: string }> {
  return r !== null && !('unusable' in r);
}
