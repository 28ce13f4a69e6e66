/**
 * caplab's queueing models, discrete-event simulator and capacity planner.
 * Everything here is a pure function of its input (the simulator is seeded),
 * so the CLI and reports can call it and tests can check it against
 * fixtures. Times are in ms, rates per second.
 */

// Models
export { erlangB, erlangC } from './models/erlang-c.js';
export {
  analyzeMmc,
  mmcResponseQuantileMs,
  mmcResponseSurvival,
  mmcWaitQuantileMs,
  mmcWaitSurvival,
  type Mmc,
  type MmcInput,
} from './models/analyze-mmc.js';
export { analyzeMmck, type Mmck, type MmckInput } from './models/analyze-mmck.js';
export { mmckResponseQuantileMs, mmckResponseSurvival, mmckWaitQuantileMs, mmckWaitSurvival } from './models/mmck-quantiles.js';
export { allenCunneen, type AllenCunneen, type GgcInput } from './models/allen-cunneen.js';
export { fitUsl, uslPeakInSight, uslThroughput, USL_PEAK_SIGHT, type UslFit, type UslParams, type UslPoint } from './models/fit-usl.js';
export type { Unstable } from './models/unstable.js';

// Simulator (its generator and samplers: random/ and scenario/'s one service model)
export {
  inSequence,
  type ArrivalSpec,
  type BurstArrivals,
  type ClosedArrivals,
  type RampArrivals,
  type SteadyArrivals,
  type TraceArrivals,
} from './sim/arrival-spec.js';
export { simulatePool } from './sim/simulate-pool.js';
export type { SimRecord, SimStatus, SimSummary, SimulationInput, SimulationResult } from './sim/simulation-types.js';
export type { SimStats } from './sim/quantile-sketch.js';

// Capacity planning
export { PlanInputError, isPlanInputError, type PlanField } from './plan-input-error.js';
export { parseDurationMs } from './parse-duration.js';
export { formatSlo, parseSlo, SLO_QUANTILE, type Slo, type SloStat } from './parse-slo.js';
export { parseRate } from './parse-rate.js';
export { parseService } from './parse-service.js';
export { parseSizeBytes } from './parse-size.js';
export { formatBytes } from './resource-limits.js';
export { planCapacity } from './plan-capacity.js';
export { tQuantile975 } from './student-t.js';
export type {
  CapacityInput,
  CapacityPlan,
  CapacityRecommendation,
  CapacityRow,
  Interval,
  LimitCap,
  LimitsOutcome,
  ResourceLimits,
  RowIntervals,
  RuleOfThumb,
} from './capacity-types.js';

// Scenarios: predictions for a run, and planning a whole scenario
export { scenarioWorkload, type ScenarioWorkload } from './scenario-workload.js';
export { predictRun, type Prediction, type RunPredictions } from './predict-run.js';
export { runTrace } from './run-trace.js';
export { planScenario, type ScenarioCapacityPlan, type ScenarioPlanOptions } from './plan-scenario.js';
export { planFromSources, type PlanSources, type AnyCapacityPlan } from './plan-from-sources.js';
