import { CaplabError } from '../errors.js';
import { serviceMean, serviceScv } from '../scenario/index.js';
import { collectLog, type CollectedLog } from './collect-log.js';
import { meanScv, quantile } from './distribution-math.js';
import { fitArrivals } from './fit-arrivals.js';
import { fitService } from './fit-service.js';
import { FLAG, type Endpoint } from './log-columns.js';
import { windowTrace, type WindowTrace } from './window-trace.js';
import type { EndpointFit, FittedWorkload, ImportSummary, LineCounts, LogWindowOptions, ServiceSource } from './log-types.js';

/** A fitted workload with the trace it was fitted on. */
export interface LogAnalysis {
  readonly workload: FittedWorkload;
  readonly trace: WindowTrace;
}

function lineCounts(log: CollectedLog): LineCounts {
  const c = log.columns;
  let staticHits = 0;
  let retried = 0;
  let s2 = 0;
  let s4 = 0;
  let s5 = 0;
  let s499 = 0;
  let untimed = 0;
  for (let i = 0; i < c.size; i += 1) {
    const flags = c.flags[i] as number;
    const status = c.status[i] as number;
    if (flags & FLAG.static) staticHits += 1;
    else if (Number.isNaN(c.serviceMs[i])) untimed += 1;
    if (flags & FLAG.retried) retried += 1;
    if (status === 499) s499 += 1;
    else if (status >= 500) s5 += 1;
    else if (status >= 400) s4 += 1;
    else s2 += 1;
  }
  return {
    lines: log.lines,
    parsed: c.size,
    bad: log.bad,
    firstBad: log.firstBad,
    staticHits,
    retried,
    retryAttempts: log.retryAttempts,
    status2xx3xx: s2,
    status4xx: s4,
    status5xx: s5,
    status499: s499,
    untimed,
  };
}

/** The source most timed lines used ('none' when no line had a time). */
function mainSource(sources: Readonly<Record<ServiceSource, number>>): ServiceSource {
  let best: ServiceSource = 'none';
  for (const s of ['pool-log', 'timing-header', 'upstream-response-time'] as const) {
    if (sources[s] > (best === 'none' ? 0 : sources[best])) best = s;
  }
  return best;
}

/**
 * Reads `files` and fits the workload of the chosen window: the arrival
 * rate and Ca² of pool-bound requests (static hits never reach the pool),
 * each endpoint's service times and the pool-wide service fit, plus the
 * window's requests as a trace for `caplab import`.
 */
export async function analyseLog(files: readonly string[], options: LogWindowOptions): Promise<LogAnalysis> {
  const log = await collectLog(files, options.format);
  const c = log.columns;
  const order = c.order();
  let pool = 0;
  for (let k = 0; k < order.length; k += 1) if (!((c.flags[order[k] as number] as number) & FLAG.static)) pool += 1;
  const poolIdx = new Uint32Array(pool);
  const arrivals = new Float64Array(pool);
  let j = 0;
  for (let k = 0; k < order.length; k += 1) {
    const i = order[k] as number;
    if ((c.flags[i] as number) & FLAG.static) continue;
    poolIdx[j] = i;
    arrivals[j] = c.arrivalMs[i] as number;
    j += 1;
  }
  const msResolution = log.arrivalSources['msec-minus-request-time'] >= log.arrivalSources['timestamp-1s'];
  const warnings: string[] = [];
  if (pool === 0) {
    throw new CaplabError('E_LOG_INVALID', `${log.files[0]}: every request was answered without the pool (static or cached); nothing to fit`);
  }
  const fit = fitArrivals(arrivals, { ...options, msResolution, where: log.files.join(', ') });

  // Service times in the window, per endpoint and pool-wide.
  const perEndpoint = new Map<number, number[]>();
  const counts = new Map<number, number>();
  const all: number[] = [];
  for (let k = fit.first; k < fit.end; k += 1) {
    const i = poolIdx[k] as number;
    const ep = c.endpoint[i] as number;
    counts.set(ep, (counts.get(ep) ?? 0) + 1);
    const s = c.serviceMs[i] as number;
    if (Number.isNaN(s)) continue;
    all.push(s);
    let list = perEndpoint.get(ep);
    if (!list) perEndpoint.set(ep, (list = []));
    list.push(s);
  }
  const endpoints: EndpointFit[] = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([ep, count]) => {
      const values = Float64Array.from(perEndpoint.get(ep) ?? []).sort();
      const stats = meanScv(values);
      const e = c.endpoints[ep] as Endpoint;
      return {
        method: e.method,
        path: e.path,
        count,
        timed: values.length,
        meanMs: stats.mean,
        p50Ms: quantile(values, 0.5),
        p99Ms: quantile(values, 0.99),
        cs2: stats.scv,
        fit: values.length > 0 ? fitService(values) : null,
      };
    });
  const sortedAll = Float64Array.from(all).sort();
  const service = fitService(sortedAll);
  const serviceSource = mainSource(log.serviceSources);
  const { scv } = meanScv(sortedAll);

  if (all.length === 0) warnings.push('no request in the window has a service time; the service fit is a placeholder 0 ms');
  if (serviceSource === 'upstream-response-time') {
    warnings.push(
      "service times are nginx's $upstream_response_time: it includes the wait in the pool's backlog, so it overstates service time whenever every worker was busy; log the pool's own time (uWSGI, gunicorn %(D)s) or $upstream_http_x_caplab_service_ms",
    );
  }
  if (!msResolution) warnings.push('arrivals have 1 s resolution ($time_local, uWSGI or gunicorn dates); Ca² comes from per-second counts and a replay spreads each second\'s requests evenly across it');
  if (log.format === 'uwsgi' || log.format === 'gunicorn') {
    warnings.push(`${log.format} logs when a worker took the request, not when it reached the proxy: the wait in the backlog is not in the arrival times, which look smoother than the traffic was at peaks`);
  }
  if (service.dist.dist === 'empirical' && all.length > 0) warnings.push(`the pool-wide service time is ${service.reason}`);

  const summary: ImportSummary = {
    files: log.files,
    format: log.format,
    counts: lineCounts(log),
    arrivalSource: msResolution ? 'msec-minus-request-time' : 'timestamp-1s',
    serviceSource,
    span: { startMs: arrivals[0] as number, endMs: arrivals[arrivals.length - 1] as number },
    perMinute: fit.perMinute,
    rateBinMs: fit.rateBinMs,
    perSecondMax: fit.perSecondMax,
    perSecondMean: fit.perSecondMean,
    window: { startMs: fit.startMs, endMs: fit.endMs, how: fit.how },
    windowRequests: fit.end - fit.first,
    ratePerSec: fit.ratePerSec,
    ca2: fit.ca2,
    ca2Method: fit.ca2Method,
    dispersion: fit.dispersion,
    endpoints,
    service,
    serviceMeanMs: serviceMean(service.dist),
    serviceCs2: all.length > 0 ? scv : serviceScv(service.dist),
    warnings,
  };
  const workload: FittedWorkload = {
    files: log.files,
    format: log.format,
    window: { startMs: fit.startMs, endMs: fit.endMs },
    ratePerSec: fit.ratePerSec,
    ca2: fit.ca2,
    service: service.dist,
    serviceCs2: summary.serviceCs2,
    summary,
  };
  return { workload, trace: windowTrace(c, poolIdx, fit.first, fit.end, fit.startMs, msResolution) };
}
