/**
 * The file name for a decoded request path. The proxy's paths hold one byte
 * per char (latin1, as Node's `req.url` and `normalizePath` give them);
 * nginx opens the file whose name is those bytes, and on Linux file names
 * are, in practice, UTF-8. So `/static/caf%C3%A9.txt` names `café.txt`.
 * Returns null when the bytes are not valid UTF-8 (nginx would look for a
 * file by those raw bytes, which caplab's fixtures and a UTF-8 locale never
 * create): the caller answers 404.
 */
export function utf8FileName(bytes: string): string | null {
  if (/^[\x00-\x7f]*$/.test(bytes)) return bytes;
  const raw = Buffer.from(bytes, 'latin1');
  const name = raw.toString('utf8');
  return Buffer.from(name, 'utf8').equals(raw) ? name : null;
}
