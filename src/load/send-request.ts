import type { Dispatcher } from 'undici';
import type { RequestSpec } from '../scenario/index.js';
import { now } from './wall-clock.js';

/** How one request ended. */
export interface SendOutcome {
  /** HTTP status, or 0 when no response came back. */
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** `now()` at the last body byte, or at the failure. */
  readonly endWall: number;
  /** Short reason when status is 0: `ECONNREFUSED`, `ECONNRESET`, `socket closed`, … */
  readonly error: string | null;
}

/** A short, stable name for a request failure. */
export function describeError(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  switch (code) {
    case 'UND_ERR_SOCKET': return 'socket closed';
    case 'UND_ERR_CONNECT_TIMEOUT': return 'connect timeout';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT': return 'timeout';
    case 'UND_ERR_DESTROYED':
    case 'UND_ERR_CLOSED':
    case 'UND_ERR_ABORTED': return 'aborted';
    case undefined: break;
    default: return code.startsWith('UND_ERR_') ? code.slice(8).toLowerCase().replace(/_/g, ' ') : code;
  }
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(e?.name ?? err);
  return message.length > 60 ? `${message.slice(0, 57)}...` : message;
}

/**
 * Sends one request through an undici dispatcher and reads its body to the
 * last byte. Never rejects: a failure comes back as status 0 with `error`.
 */
export async function sendRequest(dispatcher: Dispatcher, spec: RequestSpec): Promise<SendOutcome> {
  try {
    const res = await dispatcher.request({
      path: spec.path,
      method: spec.method as Dispatcher.HttpMethod,
      headers: spec.headers,
      ...(spec.body !== null ? { body: spec.body } : {}),
    });
    await res.body.dump({ limit: Number.MAX_SAFE_INTEGER });
    return { status: res.statusCode, headers: res.headers, endWall: now(), error: null };
  } catch (err) {
    return { status: 0, headers: {}, endWall: now(), error: describeError(err) };
  }
}
