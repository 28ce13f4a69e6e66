import path from 'node:path';

/**
 * Extension → Content-Type for the files a web app's static directory
 * usually holds, as nginx's `mime.types` (1.22) maps them where it lists the
 * extension (a few it lacks, such as .mjs, .map and .csv, are added). nginx
 * adds no charset by default, so neither does this table.
 */
const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.xml': 'text/xml',
  '.txt': 'text/plain',
  '.csv': 'text/csv',
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.svgz': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.avif': 'image/avif',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
});

/** nginx's `default_type` for extensions it does not know. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The Content-Type for `filePath`, by its (case-insensitive) extension. */
export function contentTypeFor(filePath: string): string {
  return TYPES[path.extname(filePath).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}
