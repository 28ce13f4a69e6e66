/**
 * The uwsgi wire protocol, as nginx's `uwsgi_pass` speaks it.
 *
 * A request packet is a 4-byte header `{u8 modifier1, u16 LE datasize,
 * u8 modifier2}`, then `datasize` bytes of vars, then the request body, whose
 * length is the `CONTENT_LENGTH` var. Each var is `u16 LE key length, key,
 * u16 LE value length, value`; keys are never empty, values may be. The
 * response is plain HTTP/1.x bytes on the same connection, which is then
 * closed. See https://uwsgi-docs.readthedocs.io/en/latest/Protocol.html.
 */

/** Largest vars block the protocol can carry (the size field is 16 bits). */
export const MAX_VARS_SIZE = 0xffff;
/** Size of the packet header: modifier1, datasize (u16 LE), modifier2. */
export const HEADER_SIZE = 4;

/** A malformed packet. `reason` is a stable short string for counting. */
export class UwsgiPacketError extends Error {
  constructor(readonly reason: string, message: string) {
    super(message);
    this.name = 'UwsgiPacketError';
  }
}

/** The decoded 4-byte header; nginx sends modifier1 = modifier2 = 0. */
export interface UwsgiRequestHeader {
  readonly modifier1: number;
  readonly datasize: number;
  readonly modifier2: number;
}

/** A decoded request packet without its body. */
export interface UwsgiRequest extends UwsgiRequestHeader {
  /** Vars in wire order. A repeated key keeps its last value. */
  readonly vars: Readonly<Record<string, string>>;
}

/**
 * Encodes a request packet: header and vars, then `body` if given.
 * Throws `UwsgiPacketError` for an empty key or a vars block over 65535 bytes,
 * exactly the packets `decodeVars` would refuse.
 */
export function encodeRequest(
  vars: Readonly<Record<string, string>> | ReadonlyArray<readonly [string, string]>,
  body?: Buffer,
  modifiers: { modifier1?: number; modifier2?: number } = {},
): Buffer {
  const entries = Array.isArray(vars) ? vars : Object.entries(vars);
  const parts: Buffer[] = [];
  let size = 0;
  for (const [key, value] of entries as ReadonlyArray<readonly [string, string]>) {
    const k = Buffer.from(key, 'latin1');
    const v = Buffer.from(value, 'latin1');
    if (k.length === 0) throw new UwsgiPacketError('empty-key', 'uwsgi var with an empty key');
    if (k.length > 0xffff || v.length > 0xffff) {
      throw new UwsgiPacketError('var-too-large', `uwsgi var ${key} is longer than 65535 bytes`);
    }
    const entry = Buffer.allocUnsafe(4 + k.length + v.length);
    entry.writeUInt16LE(k.length, 0);
    k.copy(entry, 2);
    entry.writeUInt16LE(v.length, 2 + k.length);
    v.copy(entry, 4 + k.length);
    parts.push(entry);
    size += entry.length;
  }
  if (size > MAX_VARS_SIZE) {
    throw new UwsgiPacketError('vars-too-large', `uwsgi vars block is ${size} bytes, over the ${MAX_VARS_SIZE}-byte limit`);
  }
  const header = Buffer.alloc(HEADER_SIZE);
  header.writeUInt8(modifiers.modifier1 ?? 0, 0);
  header.writeUInt16LE(size, 1);
  header.writeUInt8(modifiers.modifier2 ?? 0, 3);
  return Buffer.concat(body && body.length > 0 ? [header, ...parts, body] : [header, ...parts]);
}

/** Reads the 4-byte header. Throws if fewer than 4 bytes are given. */
export function decodeHeader(buf: Buffer): UwsgiRequestHeader {
  if (buf.length < HEADER_SIZE) {
    throw new UwsgiPacketError('truncated-header', `uwsgi header truncated: ${buf.length} of ${HEADER_SIZE} bytes`);
  }
  return { modifier1: buf.readUInt8(0), datasize: buf.readUInt16LE(1), modifier2: buf.readUInt8(3) };
}

/** Decodes a vars block of exactly `block.length` bytes. */
export function decodeVars(block: Buffer): Record<string, string> {
  const vars: Record<string, string> = {};
  let at = 0;
  while (at < block.length) {
    if (at + 2 > block.length) throw overrun('key length', at);
    const keyLen = block.readUInt16LE(at);
    at += 2;
    if (keyLen === 0) throw new UwsgiPacketError('empty-key', `uwsgi var at byte ${at - 2} has an empty key`);
    if (at + keyLen > block.length) throw overrun('key', at);
    const key = block.toString('latin1', at, at + keyLen);
    at += keyLen;
    if (at + 2 > block.length) throw overrun(`value length of ${key}`, at);
    const valLen = block.readUInt16LE(at);
    at += 2;
    if (at + valLen > block.length) throw overrun(`value of ${key}`, at);
    vars[key] = block.toString('latin1', at, at + valLen);
    at += valLen;
  }
  return vars;
}

function overrun(what: string, at: number): UwsgiPacketError {
  return new UwsgiPacketError('datasize-overrun', `uwsgi ${what} at byte ${at} runs past the end of the vars block`);
}

/**
 * Decodes a complete packet held in one buffer (header, vars, then body).
 * Throws `UwsgiPacketError` when the header is truncated or `datasize`
 * runs past the end of the buffer.
 */
export function decodeRequest(buf: Buffer): { request: UwsgiRequest; body: Buffer } {
  const header = decodeHeader(buf);
  const end = HEADER_SIZE + header.datasize;
  if (end > buf.length) {
    throw new UwsgiPacketError(
      'datasize-overrun',
      `uwsgi datasize ${header.datasize} runs past the end of the packet (${buf.length - HEADER_SIZE} bytes after the header)`,
    );
  }
  const vars = decodeVars(buf.subarray(HEADER_SIZE, end));
  return { request: { ...header, vars }, body: buf.subarray(end) };
}
