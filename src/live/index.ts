/**
 * live/: a stack kept up for people to poke at (`caplab serve`: the stack,
 * its metrics translator, SIGHUP forwarding) and a live view of a pool's
 * workers (`caplab top`: stats sources, the pure model and renderers, the
 * terminal loop).
 */
export { serveStack, metricsSourceFor, METRICS_SOURCES, type MetricsSource, type ServedStack } from './serve-stack.js';
export { startMetricsServer, type MetricsServer } from './start-metrics-server.js';
export { formatServeBanner } from './format-serve-banner.js';
export { holdUntilSignal, type ServeEnding } from './hold-until-signal.js';
export { runTop, type TopOptions, type TopEnding } from './top/run-top.js';
export { statsSource, readSource, type StatsSource } from './top/stats-source.js';
export { createTopModel, requestAgeMs, type TopView, type WorkerView } from './top/top-model.js';
export { renderTopScreen, renderTopLine, sparkline } from './top/render-top.js';
export { readGunicornStats, GUNICORN_FROM_PROC } from './read-gunicorn-stats.js';
export { startStatsBridge, type StatsBridge } from './start-stats-bridge.js';
