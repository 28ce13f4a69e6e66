import { HEADER_SIZE, MAX_VARS_SIZE } from './codec.js';

/** Largest key or value a uwsgi var can carry (its length field is 16 bits). */
const MAX_VAR_PART = 0xffff;

/**
 * The uwsgi request packet for `vars` and `body` (modifiers 0, as nginx
 * sends), byte for byte what the pool's `encodeRequest` builds, but in one
 * allocation: the size is computed first, then the header, every var and
 * the body are written into a single Buffer. Strings are latin1, one byte
 * per char. Returns null when a key or value, or the vars block, is over
 * 65535 bytes: nginx's "uwsgi request is too big".
 */
export function encodeUwsgiPacket(vars: ReadonlyArray<readonly [string, string]>, body: Buffer): Buffer | null {
  let size = 0;
  for (const [key, value] of vars) {
    if (key.length > MAX_VAR_PART || value.length > MAX_VAR_PART) return null;
    size += 4 + key.length + value.length;
  }
  if (size > MAX_VARS_SIZE) return null;
  const packet = Buffer.allocUnsafe(HEADER_SIZE + size + body.length);
  packet[0] = 0;
  packet.writeUInt16LE(size, 1);
  packet[3] = 0;
  let at = HEADER_SIZE;
  for (const [key, value] of vars) {
    packet.writeUInt16LE(key.length, at);
    at += 2 + packet.write(key, at + 2, 'latin1');
    packet.writeUInt16LE(value.length, at);
    at += 2;
    if (value.length > 0) at += packet.write(value, at, 'latin1');
  }
  body.copy(packet, at);
  return packet;
}
