/**
 * scenario/: the scenario file format, loading a file into a validated,
 * frozen `Scenario`, turning it into a plain `RunPlan`, and the seeded,
 * deterministic request schedule the load engine replays.
 */
export { parseDuration, durationToMs, formatDuration } from './parse-duration.js';
export { SOCKET_KINDS, type SocketKind } from './scenario-schema.js';
export { ScenarioSchema, QUEUE_MODES, MAX_PROXY_PROCESSES, MAX_THREADS, WSGI_SPEC, wsgiSpecField, type Scenario, type QueueMode } from './scenario-schema.js';
export type { ScenarioPhase, ScenarioReload, ScenarioLoadEntry, BurstPhase, ClosedPhase, OpenPhase, RampPhase, TracePhase, TraceSend, PhaseKind, Arrival } from './phase-schema.js';
export { formatTraceFile, parseTraceFile, TRACE_HEADER, type TraceData } from './trace-file.js';
export { METHODS, type ScenarioRequest } from './request-schema.js';
export { SERVICE_DISTS, drawService, serviceMean, serviceSampler, serviceScv, type ServiceDist } from './service-dist.js';
export { ServiceSchema, SERVICE_PARAMS } from './service-schema.js';
export { parseScenario } from './parse-scenario.js';
export { loadScenario } from './load-scenario.js';
export { resolveScenario, listScenarios, BUILTIN_SCENARIO_DIR, type ScenarioListing } from './resolve-scenario.js';
export { parseThreshold, THRESHOLD_METRICS, type Threshold, type ThresholdMetric, type ThresholdOp } from './parse-threshold.js';
export { buildPlan, type PlanOptions } from './build-plan.js';
export { formatPlan } from './format-plan.js';
export { recordPlan, traceDigest } from './record-plan.js';
export type {
  RunPlan,
  PhasePlan,
  BurstPhasePlan,
  ClosedPhasePlan,
  OpenPhasePlan,
  RampPhasePlan,
  TracePhasePlan,
  PlannedRequest,
  PlannedStack,
  PlannedWsgi,
  PlannedReload,
  RecordedRunPlan,
  RecordedPhasePlan,
  RecordedTracePhasePlan,
  TraceRef,
} from './plan-types.js';
export { createRequestSource, withServiceMs, type RequestSpec } from './request-source.js';
export { constantArrivals, poissonArrivals, rampArrivals } from './arrivals.js';
export {
  schedulePhase,
  buildSchedule,
  iterateSchedule,
  planStreams,
  splitStreams,
  phaseArrivals,
  traceSamplePath,
  type ScheduledRequest,
  type PhaseSchedule,
  type PhaseStreams,
} from './schedule-phase.js';
export { LIMITS } from './limits.js';
