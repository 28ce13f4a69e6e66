/**
 * The app contract: what the pool's workers call once per request, like
 * WSGI's `application(environ, start_response)`. An app module exports
 * `handler`; the handler may be synchronous and may block its worker.
 */

/** One request as a worker hands it to the app. */
export interface AppRequest {
  /** The uwsgi/CGI vars: REQUEST_METHOD, PATH_INFO, QUERY_STRING, CONTENT_LENGTH, HTTP_* … */
  readonly environ: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** 1-based id of the worker serving the request. */
  readonly worker: number;
  /** Multiply scenario durations by this to get wall-clock time. */
  readonly timeScale: number;
}

/** What the app answers. `headers` names are sent as given; `body` defaults to empty. */
export interface AppResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** An app: called once per request, one request at a time per worker. */
export type Handler = (req: AppRequest) => AppResponse | Promise<AppResponse>;
